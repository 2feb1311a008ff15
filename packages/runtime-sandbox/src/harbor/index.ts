export { startHarborServer } from './startHarborServer';
export { VULNERABILITY_REPORT_MIME_TYPE } from './seedArtifacts';
