import { render, screen } from '@testing-library/react';
import { SignalView } from './SignalView';
import { StatusChip } from './StatusChip';

describe('SignalView', () => {
  const fetchedAt = '2026-11-25T12:00:00Z';

  it('renders the data when the signal is ok', () => {
    render(
      <SignalView label="Logs" signal={{ status: 'ok', data: 3, fetchedAt }}>
        {n => <span>{n} lines</span>}
      </SignalView>,
    );
    expect(screen.getByText('3 lines')).toBeInTheDocument();
  });

  it('shows the message of a signal that is not configured', () => {
    render(
      <SignalView
        label="Logs"
        signal={{
          status: 'not-configured',
          message: 'Loki is not configured for dev',
          fetchedAt,
        }}
      >
        {() => <span>data</span>}
      </SignalView>,
    );
    expect(
      screen.getByText('Loki is not configured for dev'),
    ).toBeInTheDocument();
    expect(screen.queryByText('data')).not.toBeInTheDocument();
  });

  it('says why an unavailable signal has no data, with a fallback', () => {
    render(
      <SignalView label="Traces" signal={{ status: 'unavailable', fetchedAt }}>
        {() => <span>data</span>}
      </SignalView>,
    );
    expect(screen.getByText('Traces: unavailable')).toBeInTheDocument();
  });
});

describe('StatusChip', () => {
  it('shows the label and exposes its tone', () => {
    render(<StatusChip label="OutOfSync" tone="error" />);
    expect(
      screen.getByText('OutOfSync').closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'error');
  });
});
