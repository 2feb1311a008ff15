import { render, screen } from '@testing-library/react';
import { toPolyline } from './scale';
import { Sparkline } from './Sparkline';
import { LineChart } from './LineChart';

describe('toPolyline', () => {
  it('maps the extent of the data onto the box, higher values higher up', () => {
    expect(
      toPolyline(
        [
          [0, 0],
          [5, 5],
          [10, 10],
        ],
        { width: 12, height: 12 },
      ),
    ).toBe('1,11 6,6 11,1');
  });

  it('draws a single point in the middle and skips non-finite values', () => {
    expect(
      toPolyline(
        [
          [0, NaN],
          [3, 2],
        ],
        { width: 12, height: 12 },
      ),
    ).toBe('6,1');
    expect(toPolyline([], { width: 12, height: 12 })).toBe('');
  });
});

describe('Sparkline', () => {
  it('draws a line with an accessible name', () => {
    const { container } = render(
      <Sparkline
        title="Request rate trend"
        points={[
          [1, 2],
          [2, 4],
        ]}
      />,
    );
    expect(
      screen.getByRole('img', { name: 'Request rate trend' }),
    ).toBeInTheDocument();
    expect(container.querySelector('polyline')).toHaveAttribute('points');
  });

  it('draws a dashed baseline without data', () => {
    const { container } = render(<Sparkline title="empty" points={[]} />);
    expect(container.querySelector('polyline')).toBeNull();
    expect(container.querySelector('line')).toBeInTheDocument();
  });
});

describe('LineChart', () => {
  it('labels the axes with formatted values and times', () => {
    render(
      <LineChart
        title="Error ratio"
        points={[
          [100, 0],
          [200, 0.5],
        ]}
        formatValue={v => `${v * 100}%`}
        formatTime={t => `t${t}`}
      />,
    );
    expect(screen.getByText('50%')).toBeInTheDocument();
    expect(screen.getByText('25%')).toBeInTheDocument();
    expect(screen.getByText('0%')).toBeInTheDocument();
    expect(screen.getByText('t100')).toBeInTheDocument();
    expect(screen.getByText('t200')).toBeInTheDocument();
  });

  it('says when there is no data', () => {
    render(
      <LineChart
        title="Latency"
        points={[]}
        formatValue={String}
        formatTime={String}
      />,
    );
    expect(screen.getByText('No data in this range')).toBeInTheDocument();
  });
});
