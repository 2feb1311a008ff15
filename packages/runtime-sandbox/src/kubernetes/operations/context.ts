import { ContinueTokens } from '../continueTokens';
import { ObjectStore } from '../ObjectStore';

/** What every API operation works on: the store, the list continuation tokens and the clock. */
export interface ApiContext {
  readonly store: ObjectStore;
  readonly continueTokens: ContinueTokens;
  /** The current time (a parameter so that tests can fix it). */
  now(): Date;
  /** The next free Service cluster IP. */
  allocateClusterIP(): string;
}
