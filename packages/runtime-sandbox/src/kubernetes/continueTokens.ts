import { badRequest, expired } from './apiErrors';

/** What a continue token carries: the list's snapshot revision and the last key returned. */
export interface ContinuePosition {
  /** resourceVersion of the first page; -1 for an "inconsistent" token handed out with a 410. */
  rv: number;
  /** Key (`namespace/name`) of the last object returned; the next page starts after it. */
  start: string;
  /** When the first page was served (ms since epoch), to expire the snapshot. */
  at: number;
}

/** Five minutes, as etcd's default compaction interval makes continue tokens last. */
const DEFAULT_CONTINUE_TOKEN_TTL_MS = 5 * 60 * 1000;

/**
 * Issues and checks opaque `continue` tokens. A token expires (410 `Expired`) once its list
 * snapshot is older than the TTL, or older than the revision given to `compact()`, the way etcd
 * compaction expires a real server's tokens.
 */
export class ContinueTokens {
  private compactedRevision = 0;

  constructor(
    private readonly ttlMs: number = DEFAULT_CONTINUE_TOKEN_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** An opaque token for the next page. */
  encode(position: ContinuePosition): string {
    const json = JSON.stringify({ v: 'meta.k8s.io/v1', ...position });
    return Buffer.from(json).toString('base64url');
  }

  /** Reads a token; a malformed one is a 400 and an expired one a 410 with an inconsistent token. */
  decode(token: string): ContinuePosition {
    let position: ContinuePosition;
    try {
      const parsed = JSON.parse(
        Buffer.from(token, 'base64url').toString('utf8'),
      );
      if (
        parsed?.v !== 'meta.k8s.io/v1' ||
        typeof parsed.rv !== 'number' ||
        typeof parsed.start !== 'string' ||
        typeof parsed.at !== 'number'
      ) {
        throw new Error('bad shape');
      }
      position = { rv: parsed.rv, start: parsed.start, at: parsed.at };
    } catch {
      throw badRequest(
        'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
      );
    }
    const consistent = position.rv > 0;
    if (
      consistent &&
      (position.rv < this.compactedRevision ||
        this.now() - position.at > this.ttlMs)
    ) {
      throw expired(
        this.encode({ rv: -1, start: position.start, at: this.now() }),
      );
    }
    return position;
  }

  /** Expires every token whose snapshot is older than `revision` (as etcd compaction does). */
  compact(revision: number) {
    this.compactedRevision = Math.max(this.compactedRevision, revision);
  }

  /** The time source tokens are stamped with. */
  currentTime(): number {
    return this.now();
  }
}
