export { startTemporalServer } from './startTemporalServer';
