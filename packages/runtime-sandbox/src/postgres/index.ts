export { startPostgresServer } from './startPostgresServer';
export type { PostgresServer } from './startPostgresServer';
export { startLazyPostgresServer } from './startLazyPostgresServer';
