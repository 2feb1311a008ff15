import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Request } from 'express';

const SEGMENT = /^[A-Za-z0-9._:-]{1,253}$/;

/**
 * Resolves the entity a request is about with the caller's own credentials, so a caller who cannot
 * read the entity in the catalog gets a 404 and nothing else.
 */
export class EntityAccess {
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
    const { kind, namespace, name } = req.params;
    for (const [key, value] of Object.entries({ kind, namespace, name })) {
      if (!SEGMENT.test(value)) {
        throw new InputError(`Invalid entity ${key} '${value}'`);
      }
    }
    const ref = stringifyEntityRef({ kind, namespace, name });
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`No entity ${ref}`);
    return { entity, credentials };
  }
}
