import { randomUUID } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  RuntimeApproval,
  RuntimeApprovalRequest,
  RuntimeApprovalStatus,
} from '@runtime-portal/backstage-plugin-runtime-common';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

const TABLE = 'runtime_approvals';
const migrationsDir = resolvePackagePath(
  '@runtime-portal/backstage-plugin-runtime-backend',
  'migrations',
);

interface Row {
  id: string;
  key: string;
  action: string;
  environment: string;
  owner: string;
  service: string;
  summary: string;
  requested_by: string;
  requested_at: number | string;
  expires_at: number | string;
  approvers: string;
  status: 'pending' | 'approved' | 'rejected';
  decided_by: string | null;
  decided_at: number | string | null;
  comment: string | null;
  task_id: string | null;
  used_at: number | string | null;
}

/** Which requests a list returns: those `approvers` in `groups` decide, or `requestedBy` made. */
export interface ApprovalListFilter {
  /** All requests (a service principal); otherwise `groups`/`requestedBy` pick. */
  all?: boolean;
  groups?: string[];
  requestedBy?: string;
  status?: RuntimeApprovalStatus;
}

/** The most requests one list returns, newest first. */
const LIST_LIMIT = 500;

/**
 * The approval requests on the plugin's database (table `runtime_approvals`, created by the
 * package's knex migrations). `expired` is computed on read from `expires_at` and the clock, so every
 * replica agrees without a scheduled task.
 */
export class ApprovalStore {
  private constructor(
    private readonly db: Knex,
    private readonly now: () => number,
  ) {}

  /** Opens the store, running the migrations unless the database service says to skip them. */
  static async create(options: {
    database: DatabaseService;
    now?: () => number;
  }): Promise<ApprovalStore> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await db.migrate.latest({ directory: migrationsDir });
    }
    return new ApprovalStore(db, options.now ?? (() => Date.now()));
  }

  /**
   * Creates the request for `request.key`, or returns the one that exists with that key (`created:
   * false`). An expired or used request does not hold its key: a new request replaces it (the old
   * one stays, under a key of its own).
   */
  async create(
    request: RuntimeApprovalRequest,
    timeoutMs: number,
  ): Promise<{ approval: RuntimeApproval; created: boolean }> {
    const existing = await this.byKey(request.key);
    if (existing && existing.status !== 'expired' && !existing.usedAt) {
      return { approval: existing, created: false };
    }
    if (existing) {
      const why = existing.usedAt ? 'used' : 'expired';
      await this.db(TABLE)
        .where({ id: existing.id })
        .update({ key: `${request.key.slice(0, 200)}#${why}:${existing.id}` });
    }
    const now = this.now();
    const row: Row = {
      id: randomUUID(),
      key: request.key,
      action: request.action,
      environment: request.environment,
      owner: request.owner,
      service: request.service,
      summary: request.summary,
      requested_by: request.requestedBy,
      requested_at: now,
      expires_at: now + timeoutMs,
      approvers: request.approvers,
      status: 'pending',
      decided_by: null,
      decided_at: null,
      comment: null,
      task_id: request.taskId ?? null,
      used_at: null,
    };
    try {
      await this.db(TABLE).insert(row);
    } catch (error) {
      // Another replica created it with the same key at the same time: answer with that one.
      const raced = await this.byKey(request.key);
      if (raced) return { approval: raced, created: false };
      throw error;
    }
    return { approval: this.toApproval(row), created: true };
  }

  /** The request `id`, or `undefined`. */
  async get(id: string): Promise<RuntimeApproval | undefined> {
    const row = await this.db<Row>(TABLE).where({ id }).first();
    return row ? this.toApproval(row) : undefined;
  }

  /** The requests `filter` picks, newest first. */
  async list(filter: ApprovalListFilter): Promise<RuntimeApproval[]> {
    const now = this.now();
    const query = this.db<Row>(TABLE)
      .orderBy('requested_at', 'desc')
      .limit(LIST_LIMIT);
    if (!filter.all) {
      query.where(inner => {
        inner.whereIn('approvers', filter.groups ?? []);
        if (filter.requestedBy) {
          inner.orWhere('requested_by', filter.requestedBy);
        }
      });
    }
    if (filter.status === 'pending') {
      query.where('status', 'pending').where('expires_at', '>', now);
    } else if (filter.status === 'expired') {
      query.where('status', 'pending').where('expires_at', '<=', now);
    } else if (filter.status) {
      query.where('status', filter.status);
    }
    return (await query).map(row => this.toApproval(row));
  }

  /**
   * Records a decision on a request that is still pending and not expired; `undefined` when it is
   * not (decided or expired meanwhile, by another replica too).
   */
  async decide(
    id: string,
    decision: { status: 'approved' | 'rejected'; by: string; comment?: string },
  ): Promise<RuntimeApproval | undefined> {
    const now = this.now();
    const updated = await this.db<Row>(TABLE)
      .where({ id, status: 'pending' })
      .where('expires_at', '>', now)
      .update({
        status: decision.status,
        decided_by: decision.by,
        decided_at: now,
        comment: decision.comment ?? null,
      });
    return updated === 1 ? this.get(id) : undefined;
  }

  /**
   * Marks an approved, unused request used; `undefined` when it is not (used already, by another
   * replica too, or not approved).
   */
  async use(id: string): Promise<RuntimeApproval | undefined> {
    const updated = await this.db<Row>(TABLE)
      .where({ id, status: 'approved' })
      .whereNull('used_at')
      .update({ used_at: this.now() });
    return updated === 1 ? this.get(id) : undefined;
  }

  private async byKey(key: string): Promise<RuntimeApproval | undefined> {
    const row = await this.db<Row>(TABLE).where({ key }).first();
    return row ? this.toApproval(row) : undefined;
  }

  private toApproval(row: Row): RuntimeApproval {
    const expiresAt = Number(row.expires_at);
    const status: RuntimeApprovalStatus =
      row.status === 'pending' && expiresAt <= this.now()
        ? 'expired'
        : row.status;
    return {
      id: row.id,
      key: row.key,
      action: row.action,
      environment: row.environment,
      owner: row.owner,
      service: row.service,
      summary: row.summary,
      requestedBy: row.requested_by,
      requestedAt: new Date(Number(row.requested_at)).toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
      approvers: row.approvers,
      status,
      ...(row.decided_by && { decidedBy: row.decided_by }),
      ...(row.decided_at !== null && {
        decidedAt: new Date(Number(row.decided_at)).toISOString(),
      }),
      ...(row.comment && { comment: row.comment }),
      ...(row.task_id && { taskId: row.task_id }),
      ...(row.used_at !== null &&
        row.used_at !== undefined && {
          usedAt: new Date(Number(row.used_at)).toISOString(),
        }),
    };
  }
}
