import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseExpiryNotices } from '../expiryNotices';

/** {@link DatabaseExpiryNotices} in a fresh in-memory SQLite database. */
export async function testNotices(
  databases: TestDatabases,
): Promise<DatabaseExpiryNotices> {
  const knex = await databases.init('SQLITE_3');
  return DatabaseExpiryNotices.create({ getClient: async () => knex });
}
