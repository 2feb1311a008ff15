import { CSSProperties, ReactNode } from 'react';
import { TableColumn } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { EmptyNote } from './SignalView';
import { useScrollableRegion } from './useScrollableRegion';

const useStyles = makeStyles(theme => ({
  region: {
    overflowX: 'auto',
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
  head: { fontWeight: theme.typography.fontWeightBold as number },
}));

/** Props of {@link CompactTable}. */
export interface CompactTableProps<T extends object> {
  /** Accessible name of the region holding the table, e.g. `Pipelines`. */
  label: string;
  /** Shown in an {@link EmptyNote} instead of the table when there are no rows. */
  emptyText?: ReactNode;
  /** The columns: their `title`, `render` (or `field`), `align` and `cellStyle` are used. */
  columns: TableColumn<T>[];
  rows: T[];
}

const cellContent = <T extends object>(column: TableColumn<T>, row: T) => {
  if (column.render) return column.render(row, 'row');
  const value = column.field
    ? (row as Record<string, unknown>)[String(column.field)]
    : undefined;
  return value === undefined || value === null ? '' : String(value);
};

const cellStyle = <T extends object>(
  column: TableColumn<T>,
  row: T,
): CSSProperties | undefined =>
  typeof column.cellStyle === 'function'
    ? column.cellStyle(cellContent(column, row), row, column)
    : column.cellStyle;

const cellAlign = <T extends object>(column: TableColumn<T>) =>
  column.align === 'justify' ? 'left' : column.align;

/**
 * A plain list table inside a card: dense rows, all on one page, no search, sorting or toolbar, in a
 * region named by `label`; or an {@link EmptyNote} when there are no rows and an `emptyText` is given.
 * When the table is wider than the card the region scrolls, and is then in the tab order so that it
 * can be scrolled from the keyboard.
 */
export function CompactTable<T extends object>(props: CompactTableProps<T>) {
  const { rows, emptyText, columns } = props;
  const classes = useStyles();
  const [regionRef, scrollable] = useScrollableRegion<HTMLDivElement>();
  if (rows.length === 0 && emptyText !== undefined) {
    return <EmptyNote>{emptyText}</EmptyNote>;
  }
  return (
    <div
      ref={regionRef}
      role="region"
      aria-label={props.label}
      className={classes.region}
      tabIndex={scrollable ? 0 : undefined}
    >
      <Table size="small">
        <TableHead>
          <TableRow>
            {columns.map((column, c) => (
              <TableCell
                key={c}
                align={cellAlign(column)}
                className={classes.head}
              >
                {column.title}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row, r) => (
            <TableRow key={r}>
              {columns.map((column, c) => (
                <TableCell
                  key={c}
                  align={cellAlign(column)}
                  style={cellStyle(column, row)}
                >
                  {cellContent(column, row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
