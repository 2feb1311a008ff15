export { RuntimeObservabilityContent } from './RuntimeObservabilityContent';
