export {
  claimLabels,
  readClaimedObject,
  writeClaimedObject,
} from './claimedObject';
export type { ClaimedObjectContext } from './claimedObject';
