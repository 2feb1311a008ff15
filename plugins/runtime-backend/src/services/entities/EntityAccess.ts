import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Request } from 'express';

const SEGMENT = /^[A-Za-z0-9._:-]{1,253}$/;
/** How long a caller's read of an entity is reused (a permission change shows after this long). */
const READ_TTL_MS = 5_000;
/** Most remembered reads; the oldest go first. */
const MAX_READS = 5_000;

/**
 * Resolves the entity a request is about with the caller's own credentials, so a caller who cannot
 * read the entity in the catalog gets a 404 and nothing else.
 */
export class EntityAccess {
  private readonly reads = new Map<
    string,
    { expires: number; entity: Promise<Entity | undefined> }
  >();

  constructor(
    private readonly options: {
      httpAuth: HttpAuthService;
      catalog: CatalogService;
    },
  ) {}

  /** The entity named by the `:kind/:namespace/:name` route parameters, read as the caller. */
  async entityOf(
    req: Request<{ kind: string; namespace: string; name: string }>,
  ): Promise<{ entity: Entity; credentials: BackstageCredentials }> {
    const credentials = await this.options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entity = await this.entityByName(req.params, credentials);
    return { entity, credentials };
  }

  /**
   * The entity `kind:namespace/name` as `credentials` may read it: an InputError for a malformed
   * name, a NotFoundError when the catalog does not show it to them (hidden or absent alike).
   */
  async entityByName(
    name: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    for (const [key, value] of Object.entries({
      kind: name.kind,
      namespace: name.namespace,
      name: name.name,
    })) {
      if (!SEGMENT.test(value)) {
        throw new InputError(`Invalid entity ${key} '${value}'`);
      }
    }
    const ref = stringifyEntityRef(name);
    const entity = await this.read(ref, credentials);
    if (!entity) throw new NotFoundError(`No entity ${ref}`);
    return entity;
  }

  /**
   * The entity as this caller may see it. Many viewers reload a page often: a caller's read is
   * shared by its concurrent requests and reused for a few seconds, per caller, never across callers.
   */
  private read(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
    const key = `${principalKey(credentials)}\n${ref}`;
    const now = Date.now();
    const known = this.reads.get(key);
    if (known && known.expires > now) return known.entity;
    const entity = this.options.catalog.getEntityByRef(ref, { credentials });
    // A failed read is not remembered.
    entity.catch(() => this.reads.delete(key));
    this.reads.delete(key);
    this.reads.set(key, { expires: now + READ_TTL_MS, entity });
    if (this.reads.size > MAX_READS) {
      this.reads.delete(this.reads.keys().next().value!);
    }
    return entity;
  }
}

function principalKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return `${principal.type}:${
    principal.userEntityRef ?? principal.subject ?? ''
  }`;
}
