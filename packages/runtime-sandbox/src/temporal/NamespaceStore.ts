import { randomUUID } from 'node:crypto';
import { GrpcCode, TemporalApiError, errorDetail } from './grpcStatus';

/** A namespace's state (`temporal.api.enums.v1.NamespaceState`), by its JSON name. */
export type NamespaceState =
  | 'NAMESPACE_STATE_REGISTERED'
  | 'NAMESPACE_STATE_DEPRECATED'
  | 'NAMESPACE_STATE_DELETED';

/** A registered Temporal namespace. */
export interface StoredNamespace {
  id: string;
  name: string;
  /** Registered until UpdateNamespace deprecates or deletes it (a deleted name stays taken). */
  state: NamespaceState;
  description: string;
  ownerEmail: string;
  data: Record<string, string>;
  retentionSeconds: number;
}

/** What an UpdateNamespace body asks for, once read. */
export interface NamespaceUpdate {
  description?: string;
  ownerEmail?: string;
  /** Merged into the existing data, as Temporal does. */
  data?: Record<string, string>;
  /** Undefined for `NAMESPACE_STATE_UNSPECIFIED` (no change). */
  state?: NamespaceState;
  /** `config.workflowExecutionRetentionTtl`, in seconds; undefined for no change. */
  retentionSeconds?: number;
}

/** What RegisterNamespace needs, once the request body is read. */
export interface NamespaceRegistration {
  name: string;
  description?: string;
  ownerEmail?: string;
  data?: Record<string, string>;
  /** Undefined when the request set no retention. */
  retentionSeconds?: number;
  isGlobalNamespace?: boolean;
}

/** Temporal's limits (`limit.maxIDLength`, `system.namespaceMinRetentionLocal`). */
const MAX_NAMESPACE_LENGTH = 1000;
const MIN_LOCAL_RETENTION_SECONDS = 60 * 60;
/** ListNamespaces' page size when the request sets none. */
const DEFAULT_PAGE_SIZE = 100;

/**
 * The namespaces of the sandbox Temporal server, with the checks the Temporal frontend makes on
 * RegisterNamespace and the paging of ListNamespaces.
 */
export class NamespaceStore {
  private readonly namespaces = new Map<string, StoredNamespace>();

  /** Registers a namespace, or throws the Temporal service error a real frontend answers with. */
  register(registration: NamespaceRegistration): StoredNamespace {
    const { name } = registration;
    if (!name) {
      throw new TemporalApiError(
        GrpcCode.INVALID_ARGUMENT,
        'Namespace not set on request.',
      );
    }
    if (name.length > MAX_NAMESPACE_LENGTH) {
      throw new TemporalApiError(
        GrpcCode.INVALID_ARGUMENT,
        'Namespace length exceeds limit.',
      );
    }
    if (registration.isGlobalNamespace) {
      throw new TemporalApiError(
        GrpcCode.INVALID_ARGUMENT,
        'Cannot register global namespace when not enabled',
      );
    }
    const retention = registration.retentionSeconds;
    if (retention === undefined || retention < MIN_LOCAL_RETENTION_SECONDS) {
      throw new TemporalApiError(
        GrpcCode.INVALID_ARGUMENT,
        'A valid retention period is not set on request.',
      );
    }
    if (this.namespaces.has(name)) {
      throw new TemporalApiError(
        GrpcCode.ALREADY_EXISTS,
        `Namespace "${name}" already exists`,
        [errorDetail('NamespaceAlreadyExistsFailure')],
      );
    }
    const stored: StoredNamespace = {
      id: randomUUID(),
      name,
      state: 'NAMESPACE_STATE_REGISTERED',
      description: registration.description ?? '',
      ownerEmail: registration.ownerEmail ?? '',
      data: { ...registration.data },
      retentionSeconds: retention,
    };
    this.namespaces.set(name, stored);
    return stored;
  }

  /** Every registered namespace, by name (for snapshots). */
  all(): StoredNamespace[] {
    return [...this.namespaces.values()].sort((a, b) =>
      a.name < b.name ? -1 : 1,
    );
  }

  /** The namespace, or a NamespaceNotFound error. */
  describe(name: string): StoredNamespace {
    const stored = this.namespaces.get(name);
    if (!stored) {
      throw new TemporalApiError(
        GrpcCode.NOT_FOUND,
        `Namespace ${name} is not found.`,
        [errorDetail('NamespaceNotFoundFailure', { namespace: name })],
      );
    }
    return stored;
  }

  /**
   * UpdateNamespace's `updateInfo`: description, owner email, data (merged into the existing data)
   * and a state change, and `config.workflowExecutionRetentionTtl` (at least an hour, as for a local
   * namespace's registration), with the transitions the frontend allows (`service/frontend/
   * namespace_handler.go` validateStateUpdate): Registered → Deprecated or Deleted, Deprecated →
   * Deleted; the same state is no change; anything else is `INVALID_ARGUMENT` and changes nothing.
   * A deleted namespace keeps its name and record (only the gRPC-only
   * OperatorService.DeleteNamespace renames and later removes one).
   */
  update(name: string, update: NamespaceUpdate): StoredNamespace {
    const stored = this.describe(name);
    if (
      update.retentionSeconds !== undefined &&
      update.retentionSeconds < MIN_LOCAL_RETENTION_SECONDS
    ) {
      // validateRetentionDuration's errInvalidRetentionPeriod, checked before anything changes.
      throw new TemporalApiError(
        GrpcCode.INVALID_ARGUMENT,
        'A valid retention period is not set on request.',
      );
    }
    if (update.state && update.state !== stored.state) {
      this.requireTransition(stored.state, update.state);
      stored.state = update.state;
    }
    if (update.description !== undefined)
      stored.description = update.description;
    if (update.ownerEmail !== undefined) stored.ownerEmail = update.ownerEmail;
    if (update.data) stored.data = { ...stored.data, ...update.data };
    if (update.retentionSeconds !== undefined) {
      stored.retentionSeconds = update.retentionSeconds;
    }
    return stored;
  }

  private requireTransition(from: NamespaceState, to: NamespaceState) {
    const allowed: Record<NamespaceState, NamespaceState[]> = {
      NAMESPACE_STATE_REGISTERED: [
        'NAMESPACE_STATE_DELETED',
        'NAMESPACE_STATE_DEPRECATED',
      ],
      NAMESPACE_STATE_DEPRECATED: ['NAMESPACE_STATE_DELETED'],
      NAMESPACE_STATE_DELETED: [],
    };
    if (!allowed[from].includes(to)) {
      throw new TemporalApiError(
        GrpcCode.INVALID_ARGUMENT,
        'invalid namespace state update',
      );
    }
  }

  /**
   * One page of namespaces, by name; deleted ones only with `includeDeleted` (ListNamespaces'
   * `namespaceFilter`). Like Temporal's SQL persistence, a full page always carries a next page
   * token, even when nothing follows it (the next page is then empty and has no token).
   */
  list(
    pageSize: number,
    pageToken: Buffer | undefined,
    includeDeleted = false,
  ): { namespaces: StoredNamespace[]; nextPageToken?: Buffer } {
    if (pageSize < 0) {
      throw new TemporalApiError(
        GrpcCode.INVALID_ARGUMENT,
        'Invalid PageSize.',
      );
    }
    const size = pageSize === 0 ? DEFAULT_PAGE_SIZE : pageSize;
    const after = pageToken ? readPageToken(pageToken) : '';
    const remaining = [...this.namespaces.values()]
      .filter(namespace => namespace.name > after)
      .filter(
        namespace =>
          includeDeleted || namespace.state !== 'NAMESPACE_STATE_DELETED',
      )
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const namespaces = remaining.slice(0, size);
    const full = namespaces.length === size;
    return {
      namespaces,
      nextPageToken: full
        ? writePageToken(namespaces[namespaces.length - 1].name)
        : undefined,
    };
  }
}

function writePageToken(lastName: string): Buffer {
  return Buffer.from(JSON.stringify({ after: lastName }), 'utf8');
}

function readPageToken(token: Buffer): string {
  try {
    const { after } = JSON.parse(token.toString('utf8'));
    if (typeof after === 'string') return after;
  } catch {
    // fall through
  }
  throw new TemporalApiError(
    GrpcCode.INVALID_ARGUMENT,
    'Invalid NextPageToken.',
  );
}
