export { startTempoServer } from './startTempoServer';
