export { RuntimeDeliveryCard } from './RuntimeDeliveryCard';
export type { RuntimeDeliveryCardProps } from './RuntimeDeliveryCard';
