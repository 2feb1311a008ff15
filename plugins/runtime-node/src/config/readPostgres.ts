import { Config } from '@backstage/config';
import { requireUrl } from './requireUrl';
import { PostgresAccess } from './types';

/**
 * PostgreSQL's own default port, used when an environment's `postgres.port` is not set.
 *
 * @public
 */
export const DEFAULT_POSTGRES_PORT = 5432;

const DEFAULT_TIMEOUT_MS = 10_000;
/** A role or database name PostgreSQL accepts unquoted (NAMEDATALEN 64: at most 63 bytes). */
const IDENTIFIER = /^[a-z_][a-z0-9_$]{0,62}$/;
/** A host name or an IPv4/IPv6 address, without a scheme, port or path. */
const HOST =
  /^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*|[A-Za-z0-9]([-A-Za-z0-9.]{0,251}[A-Za-z0-9])?)$/;

/**
 * Reads one environment's `postgres` block (`host`, `port`, `user`, `password`, `database`, `ssl`,
 * `pgAdminUrl`, `timeoutMs`) with defaults applied; undefined when the block is absent. A bad value
 * throws an error naming the key, never the password.
 *
 * @public
 */
export function readPostgres(
  c: Config | undefined,
  key: string,
): PostgresAccess | undefined {
  if (!c) return undefined;
  const host = c.getString('host');
  if (!HOST.test(host)) {
    throw new Error(
      `Invalid config at '${key}.host': '${host}' must be a host name or an IP address, without scheme or port`,
    );
  }
  const port = c.getOptionalNumber('port') ?? DEFAULT_POSTGRES_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(
      `Invalid config at '${key}.port': ${port} must be a port number (1-65535)`,
    );
  }
  const user = c.getString('user');
  if (!IDENTIFIER.test(user)) {
    throw new Error(
      `Invalid config at '${key}.user': '${user}' must be a lowercase PostgreSQL role name`,
    );
  }
  const database = c.getOptionalString('database') ?? 'postgres';
  if (!IDENTIFIER.test(database)) {
    throw new Error(
      `Invalid config at '${key}.database': '${database}' must be a lowercase PostgreSQL database name`,
    );
  }
  const password = c.getString('password');
  if (password.length === 0) {
    throw new Error(`Missing required config value at '${key}.password'`);
  }
  const timeoutMs = c.getOptionalNumber('timeoutMs') ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > 600_000) {
    throw new Error(
      `Invalid config at '${key}.timeoutMs': ${timeoutMs} must be between 1 and 600000`,
    );
  }
  const pgAdminUrl = c.getOptionalString('pgAdminUrl');
  return {
    host,
    port,
    user,
    password,
    database,
    ssl: c.getOptionalBoolean('ssl') ?? false,
    pgAdminUrl:
      pgAdminUrl === undefined
        ? undefined
        : requireUrl(pgAdminUrl, `${key}.pgAdminUrl`),
    timeoutMs,
  };
}
