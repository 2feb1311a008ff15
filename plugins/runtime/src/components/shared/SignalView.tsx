import { ReactNode } from 'react';
import { Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { RuntimeSignal } from '@runtime-portal/backstage-plugin-runtime-common';

/**
 * Renders one signal of a report: its data through `children` when `ok`, otherwise why not — an info
 * note when the upstream is not configured, an error when what the entity names belongs to another
 * team, a warning when it is unavailable (or, above the data, when part of it was left out) — so one
 * upstream down degrades one panel and leaves the rest of the card alone.
 */
export function SignalView<T>(props: {
  /** What the signal is, for the fallback message, e.g. `Metrics`. */
  label: string;
  signal: RuntimeSignal<T>;
  children: (data: T) => ReactNode;
}) {
  const { signal, label } = props;
  if (signal.status === 'not-configured') {
    return (
      <Alert severity="info" data-signal-status="not-configured">
        {signal.message || `${label}: not configured`}
      </Alert>
    );
  }
  if (signal.status === 'not-allowed') {
    return (
      <Alert severity="error" data-signal-status="not-allowed">
        {signal.message || `${label}: not allowed`}
      </Alert>
    );
  }
  if (signal.status === 'unavailable' || signal.data === undefined) {
    return (
      <Alert severity="warning" data-signal-status="unavailable">
        {signal.message || `${label}: unavailable`}
      </Alert>
    );
  }
  return (
    <>
      {signal.message && (
        // Data with a message: part of it was left out (another team's application, say).
        <Alert severity="warning" data-signal-status="ok-with-message">
          {signal.message}
        </Alert>
      )}
      {props.children(signal.data)}
    </>
  );
}

/** A quiet line saying a signal has nothing to show, e.g. "No firing alerts". */
export function EmptyNote(props: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="textSecondary">
      {props.children}
    </Typography>
  );
}
