import {
  RUNTIME_EXPIRES_AT_METADATA_KEY,
  RUNTIME_OWNER_METADATA_KEY,
  RUNTIME_RESOURCE_DETAIL_ANNOTATIONS as D,
  RUNTIME_RESOURCE_TYPES,
  RUNTIME_SERVICE_METADATA_KEY,
  normalizeRuntimeExpiresAt,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  PostgresAccess,
  PostgresClient,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { LiveResource } from './liveResourceEntity';

/**
 * The PostgreSQL databases of an environment (every one but the templates and the maintenance
 * database the portal connects to), from PostgreSQL's own catalogs: owner and service from the
 * claims in the database's COMMENT (a database without them gets the fallback owner and the owner
 * problem annotation), size, open connections, owning role and, for a database of a service, where
 * its credentials are in OpenBao (`<service>/databases/<db>`, as `runtime:database:create` writes them).
 */
export async function readDatabases(
  client: PostgresClient,
  environment: string,
  access: Pick<PostgresAccess, 'host' | 'port'>,
  signal?: AbortSignal,
): Promise<LiveResource[]> {
  const databases = await client.listDatabases({ signal });
  const server = `${
    access.host.includes(':') ? `[${access.host}]` : access.host
  }:${access.port}`;
  return databases.map(database => {
    const claims = database.claims ?? {};
    const service = claims[RUNTIME_SERVICE_METADATA_KEY];
    const details: Record<string, string> = {
      [D.databaseConnections]: String(database.connections),
      [D.databaseRole]: database.owner,
    };
    if (database.sizeBytes !== undefined) {
      details[D.databaseSizeBytes] = String(database.sizeBytes);
    }
    if (service) {
      details[
        D.databaseCredentialsPath
      ] = `${service}/databases/${database.name}`;
    }
    return {
      environment,
      type: RUNTIME_RESOURCE_TYPES.database,
      name: database.name,
      upstreamRef: `postgresql://${server}/${database.name}`,
      hostComponent: 'postgresql',
      area: 'data-storage',
      ownerValue: claims[RUNTIME_OWNER_METADATA_KEY],
      ownerSource: `database comment claim '${RUNTIME_OWNER_METADATA_KEY}'`,
      service,
      description: `PostgreSQL database ${database.name}`,
      details,
      expiresAt: normalizeRuntimeExpiresAt(
        claims[RUNTIME_EXPIRES_AT_METADATA_KEY],
      ),
    };
  });
}
