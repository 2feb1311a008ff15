export { startPostgresServer } from './startPostgresServer';
export type { PostgresServer } from './startPostgresServer';
