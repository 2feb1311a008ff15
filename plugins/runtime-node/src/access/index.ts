export {
  readRuntimeAccess,
  teamOwningTarget,
  teamTargets,
  type RuntimeAccessConfig,
  type RuntimeTeamAccess,
  type RuntimeTargetKind,
} from './readRuntimeAccess';
export { groupRef } from './groupRef';
export {
  resolveRuntimeCaller,
  mayActFor,
  requireActFor,
  type RuntimeCaller,
} from './RuntimeCaller';
export { TeamNamespaces } from './TeamNamespaces';
