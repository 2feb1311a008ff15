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

  it("says whose a signal's target is when the entity may not read it", () => {
    const message =
      'Not allowed: Harbor repository assistant-team/support-assistant belongs to group:default/assistant-team, not to group:default/search-team (the owner of component:default/x)';
    render(
      <SignalView
        label="Images"
        signal={{ status: 'not-allowed', message, fetchedAt }}
      >
        {() => <span>data</span>}
      </SignalView>,
    );
    expect(
      screen.getByText(message).closest('[data-signal-status]'),
    ).toHaveAttribute('data-signal-status', 'not-allowed');
    expect(screen.queryByText('data')).not.toBeInTheDocument();
  });

  it('shows the data with the message saying what was left out of it', () => {
    const message =
      'Not allowed: Argo CD application other in dev (project media-team) belongs to group:default/media-team, not to group:default/search-team (the owner of component:default/x)';
    render(
      <SignalView
        label="Deployments"
        signal={{ status: 'ok', data: 1, message, fetchedAt }}
      >
        {n => <span>{n} application</span>}
      </SignalView>,
    );
    expect(screen.getByText('1 application')).toBeInTheDocument();
    expect(screen.getByText(message)).toBeInTheDocument();
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
