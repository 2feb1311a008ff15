export { RuntimeResourcesTableCard } from './RuntimeResourcesTableCard';
export type { RuntimeResourcesTableCardProps } from './RuntimeResourcesTableCard';
