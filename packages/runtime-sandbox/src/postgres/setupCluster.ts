import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { loadPostgresPortalRole, PORTAL_IDENTITY } from '../deploy';
import { RuntimeSeed } from '../seed';
import { SandboxCredentials } from '../types';
import { SUPERUSER } from './clusterTemplate';

/**
 * Claim keys, copied from `@runtime-portal/backstage-plugin-runtime-common`
 * (`RUNTIME_OWNER_METADATA_KEY`, `RUNTIME_SERVICE_METADATA_KEY`): the sandbox imports no plugin package.
 */
const OWNER_KEY = 'owner';
const SERVICE_KEY = 'service';

/** Where a cluster is reached, as a `pg` client config. */
export interface ClusterAddress {
  host: string;
  port: number;
}

/** Runs `fn` with a client connected as `user` to the maintenance database, then disconnects. */
export async function withClient<T>(
  address: ClusterAddress,
  user: { name: string; password: string },
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({
    ...address,
    user: user.name,
    password: user.password,
    database: 'postgres',
    connectionTimeoutMillis: 10_000,
  });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Makes a started template cluster the sandbox's: the superuser gets the admin's password (and,
 * when the admin is not `postgres`, the admin role is created as a superuser). With
 * `portal` given (least privilege), `deploy/postgres/runtime-portal.sql` is applied as shipped and
 * its role given the portal's password.
 */
export async function setUpIdentities(
  client: Client,
  admin: SandboxCredentials,
  portal: SandboxCredentials | undefined,
): Promise<void> {
  if (admin.postgresUser === SUPERUSER) {
    await client.query(
      `ALTER ROLE ${SUPERUSER} PASSWORD ${escapeLiteral(
        admin.postgresPassword,
      )}`,
    );
  } else {
    await client.query(
      `CREATE ROLE ${escapeIdentifier(
        admin.postgresUser,
      )} SUPERUSER LOGIN PASSWORD ${escapeLiteral(admin.postgresPassword)}`,
    );
  }
  if (!portal) return;
  if (portal.postgresUser !== PORTAL_IDENTITY.postgresRole) {
    throw new Error(
      `The portal's PostgreSQL role is '${PORTAL_IDENTITY.postgresRole}' (deploy/postgres/runtime-portal.sql), not '${portal.postgresUser}'`,
    );
  }
  await client.query(loadPostgresPortalRole());
  await client.query(
    `ALTER ROLE ${escapeIdentifier(
      portal.postgresUser,
    )} PASSWORD ${escapeLiteral(portal.postgresPassword)}`,
  );
}

/**
 * Creates the seed's databases as `runtime:database:create` does, connected as the portal's role
 * (so the portal may manage them later): a login role named after the database with a random
 * password nobody keeps, the database owned by it with CONNECT revoked from PUBLIC, and claims
 * `{owner, service}` as both one's COMMENT.
 */
export async function seedDatabases(
  client: Client,
  seed: RuntimeSeed,
): Promise<void> {
  for (const team of seed.teams) {
    for (const service of team.services) {
      for (const { name } of service.databases ?? []) {
        const id = escapeIdentifier(name);
        const claims = escapeLiteral(
          JSON.stringify({
            [OWNER_KEY]: team.name,
            [SERVICE_KEY]: service.name,
          }),
        );
        await client.query('BEGIN');
        await client.query(`SET LOCAL createrole_self_grant = 'set, inherit'`);
        await client.query(
          `CREATE ROLE ${id} LOGIN PASSWORD ${escapeLiteral(
            randomBytes(24).toString('base64url'),
          )}`,
        );
        await client.query(`COMMENT ON ROLE ${id} IS ${claims}`);
        await client.query('COMMIT');
        await client.query(`CREATE DATABASE ${id} OWNER ${id}`);
        await client.query(`REVOKE ALL ON DATABASE ${id} FROM PUBLIC`);
        await client.query(
          `GRANT CONNECT, TEMPORARY ON DATABASE ${id} TO ${id}`,
        );
        await client.query(`COMMENT ON DATABASE ${id} IS ${claims}`);
      }
    }
  }
}
