/**
 * How one signal of a report was obtained: `ok` with data (possibly empty), `not-configured` when the
 * environment has no such upstream or the entity lacks the annotation, `unavailable` when the upstream
 * failed or timed out, `not-allowed` when what the entity's annotations name belongs to another team
 * than the entity's owner (so it is not read). `message` says why, in words a user can act on (never a
 * credential).
 *
 * @public
 */
export type RuntimeSignalStatus =
  | 'ok'
  | 'not-configured'
  | 'unavailable'
  | 'not-allowed';

/**
 * One signal of a report with its status; `data` is present only when `status` is `ok`.
 *
 * @public
 */
export interface RuntimeSignal<T> {
  status: RuntimeSignalStatus;
  message?: string;
  data?: T;
  /** When the data was read from the upstream (ISO 8601); cached answers keep their read time. */
  fetchedAt: string;
}
