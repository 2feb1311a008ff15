export { PostgresClient } from './PostgresClient';
export {
  scramSha256Verifier,
  scramVerifierMatches,
  SCRAM_ITERATIONS,
} from './scramVerifier';
export type {
  PostgresCallOptions,
  PostgresClaims,
  PostgresDatabase,
  PostgresDropDatabaseOptions,
  PostgresRole,
} from './types';
