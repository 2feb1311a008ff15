import {
  PostgresClient,
  RuntimeClients,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  Sandbox,
  sandboxEnvironmentConfig,
} from '@runtime-portal/runtime-sandbox';
import {
  readStoredSecret,
  sandboxClients,
} from '../../__testUtils__/actionTestKit';

/** The sandbox's `dev` environment, with its PostgreSQL (the portal's least-privilege role). */
export function databaseClients(sandbox: Sandbox): RuntimeClients {
  if (!('postgres' in sandboxEnvironmentConfig(sandbox))) {
    throw new Error(
      "The sandbox's environment config has no postgres block: the database tests need the sandbox's PostgreSQL",
    );
  }
  return sandboxClients(sandbox);
}

/** The credentials a database's service reads from OpenBao (the portal never reads them back). */
export async function storedCredentials(sandbox: Sandbox, path: string) {
  const stored = await readStoredSecret(sandbox, path);
  if (!stored) throw new Error(`No credentials at ${path}`);
  return stored;
}

/**
 * Logs in to PostgreSQL as the service would, with the stored credentials, to `database` (default the
 * credentials' own), and runs one query; resolves how that went: `ok`, or the failure's reason and
 * SQLSTATE.
 */
export async function tryLogin(
  credentials: Record<string, string>,
  database: string = credentials.database,
): Promise<string> {
  const client = new PostgresClient({
    environment: 'dev',
    access: {
      host: credentials.host,
      port: Number(credentials.port),
      user: credentials.username,
      password: credentials.password,
      database,
      ssl: false,
      timeoutMs: 5_000,
    },
  });
  try {
    await client.listDatabases();
    return 'ok';
  } catch (error) {
    const e = error as { reason?: string; code?: string };
    return `${e.reason} ${e.code ?? ''}`.trim();
  } finally {
    await client.close();
  }
}
