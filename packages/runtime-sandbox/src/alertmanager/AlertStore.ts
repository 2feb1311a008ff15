import { labelSetFingerprint } from './fingerprint';
import { LabelMatcher, matchesAll } from './matchers';

/** Alertmanager's default `resolve_timeout`: an alert sent without `endsAt` resolves after it. */
export const RESOLVE_TIMEOUT_MS = 5 * 60_000;
/** How often Prometheus re-sends a firing alert (`--rules.alert.resend-delay`). */
const RESEND_DELAY_MS = 60_000;

/** An alert as Alertmanager keeps it. */
export interface StoredAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date;
  endsAt: Date;
  updatedAt: Date;
  generatorURL?: string;
  /**
   * A firing rule that Prometheus keeps re-sending every minute (the seeded alerts): its `updatedAt`
   * and `endsAt` move forward as time passes, so it never resolves.
   */
  resentSince?: Date;
}

/** Which alerts a read returns, as the query parameters of `GET /api/v2/alerts` say. */
export interface AlertQuery {
  active: boolean;
  silenced: boolean;
  inhibited: boolean;
  unprocessed: boolean;
  matchers: LabelMatcher[];
}

/** An alert as the API shows it, with its state. */
export interface AlertView extends StoredAlert {
  fingerprint: string;
  state: 'active' | 'suppressed' | 'unprocessed';
  silencedBy: string[];
  inhibitedBy: string[];
}

/** The alerts an Alertmanager holds, by fingerprint (in memory). */
export class AlertStore {
  private readonly alerts = new Map<string, StoredAlert>();

  /** Stores an alert, merging it with a held one of the same labels whose time range it overlaps. */
  put(alert: StoredAlert): void {
    const fingerprint = labelSetFingerprint(alert.labels);
    const held = this.alerts.get(fingerprint);
    if (
      held &&
      !held.resentSince &&
      held.endsAt.getTime() >= alert.startsAt.getTime() &&
      alert.endsAt.getTime() >= held.startsAt.getTime()
    ) {
      this.alerts.set(fingerprint, {
        ...alert,
        startsAt:
          held.startsAt < alert.startsAt ? held.startsAt : alert.startsAt,
      });
      return;
    }
    this.alerts.set(fingerprint, alert);
  }

  /**
   * The alerts that are not resolved at `now` and pass the query, sorted by fingerprint as
   * Alertmanager sorts them. Nothing is silenced or inhibited here: every alert is `active`.
   */
  list(query: AlertQuery, now: Date): AlertView[] {
    const views: AlertView[] = [];
    for (const [fingerprint, stored] of this.alerts) {
      const alert = stored.resentSince ? resent(stored, now) : stored;
      if (!matchesAll(query.matchers, alert.labels)) continue;
      if (alert.endsAt.getTime() < now.getTime()) continue;
      const view: AlertView = {
        ...alert,
        fingerprint,
        state: 'active',
        silencedBy: [],
        inhibitedBy: [],
      };
      if (!query.active && view.state === 'active') continue;
      if (!query.silenced && view.silencedBy.length > 0) continue;
      if (!query.inhibited && view.inhibitedBy.length > 0) continue;
      views.push(view);
    }
    return views.sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
  }
}

/** A re-sent alert as it looks after Prometheus's latest send before `now`. */
function resent(alert: StoredAlert, now: Date): StoredAlert {
  const since = alert.resentSince!.getTime();
  const sends = Math.max(
    0,
    Math.floor((now.getTime() - since) / RESEND_DELAY_MS),
  );
  const updatedAt = new Date(since + sends * RESEND_DELAY_MS);
  return {
    ...alert,
    updatedAt,
    endsAt: new Date(updatedAt.getTime() + 4 * RESEND_DELAY_MS),
  };
}
