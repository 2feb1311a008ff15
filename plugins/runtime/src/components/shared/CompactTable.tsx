import { ReactNode } from 'react';
import { Table, TableColumn, TableOptions } from '@backstage/core-components';
import { EmptyNote } from './SignalView';

/**
 * Options of a plain list table inside a card: all rows on one page, no search box, toolbar,
 * sorting or column dragging, dense rows.
 */
export const COMPACT_TABLE_OPTIONS: TableOptions = {
  paging: false,
  search: false,
  toolbar: false,
  sorting: false,
  draggable: false,
  padding: 'dense',
};

/** Props of {@link CompactTable}. */
export interface CompactTableProps<T extends object> {
  /** Accessible name of the region holding the table, e.g. `Pipelines`. */
  label: string;
  /** Shown in an {@link EmptyNote} instead of the table when there are no rows. */
  emptyText?: ReactNode;
  columns: TableColumn<T>[];
  rows: T[];
}

/**
 * A core-components `Table` with {@link COMPACT_TABLE_OPTIONS} in a region named by `label`, or an
 * {@link EmptyNote} when there are no rows and an `emptyText` is given. The rows are copied, as the
 * table writes its own state into the row objects.
 */
export function CompactTable<T extends object>(props: CompactTableProps<T>) {
  const { rows, emptyText } = props;
  if (rows.length === 0 && emptyText !== undefined) {
    return <EmptyNote>{emptyText}</EmptyNote>;
  }
  return (
    <section aria-label={props.label}>
      <Table<T>
        options={COMPACT_TABLE_OPTIONS}
        columns={props.columns}
        data={rows.map(row => ({ ...row }))}
      />
    </section>
  );
}
