export { startGrafanaServer } from './startGrafanaServer';
