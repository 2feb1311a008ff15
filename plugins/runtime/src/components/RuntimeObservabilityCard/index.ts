export { RuntimeObservabilityCard } from './RuntimeObservabilityCard';
export type { RuntimeObservabilityCardProps } from './RuntimeObservabilityCard';
