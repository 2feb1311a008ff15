export { cardMetrics, currentValue } from './metrics';
export { HealthChip } from './HealthChip';
export { AlertList } from './AlertList';
