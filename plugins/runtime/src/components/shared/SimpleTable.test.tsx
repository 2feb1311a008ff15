import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { SimpleTable, SimpleTableColumn } from './SimpleTable';

interface Fruit {
  id: string;
  name: string;
  count: number;
}

const columns: SimpleTableColumn<Fruit>[] = [
  { title: 'Name', render: f => f.name },
  {
    title: 'Count',
    align: 'right',
    render: f => f.count,
    cellProps: f => ({ title: `${f.count} of ${f.name}` }),
  },
  { title: 'Id', render: f => f.id, cellProps: { className: 'mono' } },
];

const fruits: Fruit[] = [
  { id: 'a', name: 'Apple', count: 3 },
  { id: 'b', name: 'Banana', count: 0 },
];

/** Renders the fruits table with an empty text, as the plugin's tables do. */
const renderFruits = (rows: Fruit[]) =>
  renderInTestApp(
    <SimpleTable
      aria-label="Fruits"
      emptyText="No fruit"
      columns={columns}
      rows={rows}
      rowKey={f => f.id}
    />,
  );

const texts = (cells: HTMLElement[]) => cells.map(c => c.textContent);

describe('SimpleTable', () => {
  it('shows the empty text and no table when there are no rows', async () => {
    await renderFruits([]);
    expect(screen.getByText('No fruit')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('renders the headers, then one row per item with its cells in column order', async () => {
    await renderFruits(fruits);
    const table = screen.getByRole('table', { name: 'Fruits' });
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
    expect(screen.queryByText('No fruit')).not.toBeInTheDocument();
  });

  it('applies the alignment to header and cells, and the cell props to body cells only', async () => {
    await renderInTestApp(
      <SimpleTable
        aria-label="Fruits"
        columns={columns}
        rows={fruits.slice(0, 1)}
        rowKey={f => f.id}
      />,
    );
    const countHeader = screen.getByRole('columnheader', { name: 'Count' });
    const [name, count, id] = screen.getAllByRole('cell');
    expect(countHeader.className).toMatch(/alignRight/);
    expect(count.className).toMatch(/alignRight/);
    expect(name.className).not.toMatch(/alignRight/);
    expect(count).toHaveAttribute('title', '3 of Apple');
    expect(countHeader).not.toHaveAttribute('title');
    expect(id).toHaveClass('mono');
    expect(screen.getByRole('columnheader', { name: 'Id' })).not.toHaveClass(
      'mono',
    );
  });

  it('renders the headers only when empty without an empty text', async () => {
    await renderInTestApp(
      <SimpleTable columns={columns} rows={[]} rowKey={f => f.id} />,
    );
    const table = screen.getByRole('table');
    expect(table).not.toHaveAttribute('aria-label');
    expect(within(table).getAllByRole('row')).toHaveLength(1);
  });

  it('keys rows by rowKey, given the index, without duplicate key warnings', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});
    const same = { id: 'same', name: 'Cherry', count: 1 };
    const rowKey = jest.fn((f: Fruit, index: number) => `${f.id}-${index}`);
    try {
      await renderInTestApp(
        <SimpleTable
          aria-label="Fruits"
          columns={columns}
          rows={[same, same]}
          rowKey={rowKey}
        />,
      );
      expect(rowKey.mock.calls).toEqual([
        [same, 0],
        [same, 1],
      ]);
      expect(screen.getAllByRole('row')).toHaveLength(3);
      expect(
        error.mock.calls.filter(args => /same key/.test(String(args[0]))),
      ).toEqual([]);
    } finally {
      error.mockRestore();
    }
  });
});
