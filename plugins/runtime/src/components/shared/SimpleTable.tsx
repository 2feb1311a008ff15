import { ReactNode } from 'react';
import {
  Table,
  TableBody,
  TableCell,
  TableCellProps,
  TableHead,
  TableRow,
} from '@material-ui/core';
import { EmptyNote } from './SignalView';

/** One column of a {@link SimpleTable}: its header and how to render its cell in a row. */
export interface SimpleTableColumn<T> {
  /** Header text of the column. */
  title: string;
  /** Content of this column's cell for one row. */
  render(row: T): ReactNode;
  /** Alignment of the header and of every cell of the column. */
  align?: TableCellProps['align'];
  /**
   * Extra props of the body cells (not the header), e.g. a monospace `style`, or a function of the
   * row for a per-row `title` tooltip.
   */
  cellProps?: TableCellProps | ((row: T) => TableCellProps);
}

/** Props of {@link SimpleTable}. */
export interface SimpleTableProps<T> {
  /** Accessible name of the table, e.g. `Pipelines`. */
  'aria-label'?: string;
  /**
   * Shown in an {@link EmptyNote} instead of the table when there are no rows. Without it an empty
   * table renders its headers only.
   */
  emptyText?: ReactNode;
  columns: SimpleTableColumn<T>[];
  rows: T[];
  /** A key unique among the rows; the index is given for rows without a natural one. */
  rowKey(row: T, index: number): string;
}

/** Props of a column's body cell for one row. */
function cellPropsOf<T>(column: SimpleTableColumn<T>, row: T): TableCellProps {
  const { cellProps } = column;
  return typeof cellProps === 'function' ? cellProps(row) : cellProps ?? {};
}

/**
 * A small MUI table with a header row and one row per item, or an {@link EmptyNote} when there are
 * no rows, for lists of a signal such as pipelines, images or alerts.
 */
export function SimpleTable<T>(props: SimpleTableProps<T>) {
  const { columns, rows, emptyText } = props;
  if (rows.length === 0 && emptyText !== undefined) {
    return <EmptyNote>{emptyText}</EmptyNote>;
  }
  return (
    <Table size="small" aria-label={props['aria-label']}>
      <TableHead>
        <TableRow>
          {columns.map(column => (
            <TableCell key={column.title} align={column.align}>
              {column.title}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row, index) => (
          <TableRow key={props.rowKey(row, index)}>
            {columns.map(column => (
              <TableCell
                key={column.title}
                align={column.align}
                {...cellPropsOf(column, row)}
              >
                {column.render(row)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
