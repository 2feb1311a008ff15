import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { TableColumn } from '@backstage/core-components';
import { CompactTable } from './CompactTable';

interface Fruit {
  id: string;
  name: string;
  count: number;
}

const columns: TableColumn<Fruit>[] = [
  { title: 'Name', render: f => f.name },
  { title: 'Count', align: 'right', render: f => f.count },
  { title: 'Id', render: f => f.id, cellStyle: { fontFamily: 'monospace' } },
];

const fruits: Fruit[] = [
  { id: 'a', name: 'Apple', count: 3 },
  { id: 'b', name: 'Banana', count: 0 },
];

const renderFruits = (rows: Fruit[]) =>
  renderInTestApp(
    <CompactTable
      label="Fruits"
      emptyText="No fruit"
      columns={columns}
      rows={rows}
    />,
  );

const texts = (cells: HTMLElement[]) => cells.map(c => c.textContent);

describe('CompactTable', () => {
  it('shows the empty text and no table when there are no rows', async () => {
    await renderFruits([]);
    expect(screen.getByText('No fruit')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('renders the headers, then one row per item in a named region, without search or paging', async () => {
    await renderFruits(fruits);
    const table = within(
      screen.getByRole('region', { name: 'Fruits' }),
    ).getByRole('table');
    const [header, ...rows] = within(table).getAllByRole('row');
    expect(texts(within(header).getAllByRole('columnheader'))).toEqual([
      'Name',
      'Count',
      'Id',
    ]);
    expect(rows.map(r => texts(within(r).getAllByRole('cell')))).toEqual([
      ['Apple', '3', 'a'],
      ['Banana', '0', 'b'],
    ]);
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByText(/rows/i)).not.toBeInTheDocument();
    expect(screen.queryByText('No fruit')).not.toBeInTheDocument();
  });

  it('applies the cell style to body cells and leaves the rows unchanged', async () => {
    const rows = fruits.map(f => ({ ...f }));
    await renderFruits(rows);
    const [, , id] = within(screen.getAllByRole('row')[1]).getAllByRole('cell');
    expect(id).toHaveStyle({ fontFamily: 'monospace' });
    expect(rows).toEqual(fruits);
  });

  it('renders the headers only when empty without an empty text', async () => {
    await renderInTestApp(
      <CompactTable label="Fruits" columns={columns} rows={[]} />,
    );
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('columnheader')).toHaveLength(3);
    expect(within(table).queryByText('Apple')).not.toBeInTheDocument();
  });
});

describe('CompactTable when wider than its card', () => {
  const width = (name: 'scrollWidth' | 'clientWidth', value: number) =>
    jest
      .spyOn(HTMLElement.prototype, name, 'get')
      .mockImplementation(() => value);

  afterEach(() => jest.restoreAllMocks());

  it('is in the tab order only when its region scrolls', async () => {
    width('scrollWidth', 900);
    width('clientWidth', 400);
    await renderFruits(fruits);
    expect(screen.getByRole('region', { name: 'Fruits' })).toHaveAttribute(
      'tabindex',
      '0',
    );
  });

  it('stays out of the tab order when it fits', async () => {
    width('scrollWidth', 400);
    width('clientWidth', 400);
    await renderFruits(fruits);
    expect(screen.getByRole('region', { name: 'Fruits' })).not.toHaveAttribute(
      'tabindex',
    );
  });
});
