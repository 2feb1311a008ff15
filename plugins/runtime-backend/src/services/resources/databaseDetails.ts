import { InputError, NotFoundError } from '@backstage/errors';
import {
  RUNTIME_OWNER_METADATA_KEY,
  RUNTIME_SERVICE_METADATA_KEY,
  RuntimeDatabaseDetails,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeClientsService } from '@runtime-portal/backstage-plugin-runtime-node';

/** A database name as the portal makes them (and as PostgreSQL takes it unquoted). */
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The database an upstream ref names: its last part, after the last `/` or `:`
 * (`postgresql://<host>:<port>/<database>`, as the catalog module writes it).
 */
export function databaseNameOf(upstreamRef: string): string {
  const name = upstreamRef.slice(
    Math.max(upstreamRef.lastIndexOf('/'), upstreamRef.lastIndexOf(':')) + 1,
  );
  if (!DATABASE_NAME.test(name)) {
    throw new InputError(
      `The upstream ref '${upstreamRef}' does not name a PostgreSQL database`,
    );
  }
  return name;
}

/**
 * A database's owner role, size, connections and claims from PostgreSQL's own catalogs, where its
 * credentials are in OpenBao (from the service in its claims; never the password) and, when the
 * environment configures `postgres.pgAdminUrl`, a link to PgAdmin.
 */
export async function databaseDetails(
  clients: RuntimeClientsService,
  environment: string,
  upstreamRef: string,
  signal: AbortSignal,
): Promise<RuntimeDatabaseDetails> {
  const name = databaseNameOf(upstreamRef);
  const postgres = clients.client(environment, 'postgres');
  const database = await postgres.getDatabase(name, { signal });
  if (!database) {
    throw new NotFoundError(`Database ${name} not found in ${environment}`);
  }
  const access = clients.environment(environment).postgres!;
  const claims = database.claims ?? {};
  const service = claims[RUNTIME_SERVICE_METADATA_KEY];
  return {
    type: 'database',
    environment,
    name,
    host: access.host,
    port: access.port,
    owner: claims[RUNTIME_OWNER_METADATA_KEY],
    service,
    role: database.owner,
    sizeBytes: database.sizeBytes,
    connections: database.connections,
    credentialsPath: service ? `${service}/databases/${name}` : undefined,
    pgAdminUrl: access.pgAdminUrl,
  };
}
