export { driftingEnvironments, otherVersions } from './versionDrift';
export { VersionText } from './VersionText';
