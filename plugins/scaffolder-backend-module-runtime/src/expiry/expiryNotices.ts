import { DatabaseService } from '@backstage/backend-plugin-api';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

const TABLE = 'runtime_expiry_notices';

/**
 * Which expiry notices were sent: one per resource and expiry time, so the owner group hears of an
 * expiry once (across runs, restarts and replicas), and again only after the expiry was extended
 * (a new time).
 */
export interface ExpiryNotices {
  /**
   * Takes the notice of `entityRef` expiring at `expiresAt`: `true` for the one caller that may send
   * it, `false` when it was taken already.
   */
  take(entityRef: string, expiresAt: Date): Promise<boolean>;
  /** Gives back a notice that could not be sent, so a later run sends it. */
  giveBack(entityRef: string, expiresAt: Date): Promise<void>;
  /** Forgets the notices of a retired resource. */
  forget(entityRef: string): Promise<void>;
}

/**
 * {@link ExpiryNotices} in a table `runtime_expiry_notices` of the plugin's database (created when
 * missing), keyed by entity ref and expiry time: the insert that succeeds takes the notice.
 */
export class DatabaseExpiryNotices implements ExpiryNotices {
  private constructor(private readonly db: Knex) {}

  /** Opens the table in `database`'s client, creating it when missing. */
  static async create(
    database: DatabaseService,
  ): Promise<DatabaseExpiryNotices> {
    const db = await database.getClient();
    await createTable(db);
    return new DatabaseExpiryNotices(db);
  }

  async take(entityRef: string, expiresAt: Date): Promise<boolean> {
    const row = { entity_ref: entityRef, expires_at: expiresAt.toISOString() };
    try {
      await this.db(TABLE).insert({
        ...row,
        notified_at: new Date().toISOString(),
      });
    } catch (error) {
      if (await this.db(TABLE).where(row).first()) return false;
      throw error;
    }
    await this.db(TABLE)
      .where('entity_ref', entityRef)
      .whereNot('expires_at', row.expires_at)
      .delete();
    return true;
  }

  async giveBack(entityRef: string, expiresAt: Date): Promise<void> {
    await this.db(TABLE)
      .where({ entity_ref: entityRef, expires_at: expiresAt.toISOString() })
      .delete();
  }

  async forget(entityRef: string): Promise<void> {
    await this.db(TABLE).where('entity_ref', entityRef).delete();
  }
}

/** Creates the table unless it exists (another replica may create it at the same time). */
async function createTable(db: Knex): Promise<void> {
  if (await db.schema.hasTable(TABLE)) return;
  try {
    await db.schema.createTable(TABLE, table => {
      table.string('entity_ref', 255).notNullable();
      table.string('expires_at', 32).notNullable();
      table.string('notified_at', 32).notNullable();
      table.primary(['entity_ref', 'expires_at']);
    });
  } catch (error) {
    if (!(await db.schema.hasTable(TABLE))) throw error;
  }
}
