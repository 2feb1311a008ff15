export { GrafanaClient } from './GrafanaClient';
export type { GrafanaDashboard } from './GrafanaClient';
