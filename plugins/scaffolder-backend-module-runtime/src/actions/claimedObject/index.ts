export {
  claimLabels,
  readClaimedObject,
  writeClaimedObject,
} from './claimedObject';
export type { ClaimedObjectContext } from './claimedObject';
export {
  deleteCheckedObject,
  deleteClaimedObject,
} from './deleteClaimedObject';
export { updateClaimedObject } from './updateClaimedObject';
export { coversFields } from './coversFields';
