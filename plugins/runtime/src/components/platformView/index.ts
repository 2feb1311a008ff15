export { RuntimeComponentAlertsCard } from './RuntimeComponentAlertsCard';
export { RuntimeVersionMatrixCard } from './RuntimeVersionMatrixCard';
export type { RuntimeVersionMatrixCardProps } from './RuntimeVersionMatrixCard';
