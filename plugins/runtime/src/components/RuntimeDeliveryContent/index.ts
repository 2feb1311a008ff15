export { RuntimeDeliveryContent } from './RuntimeDeliveryContent';
