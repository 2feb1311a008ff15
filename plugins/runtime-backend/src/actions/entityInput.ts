import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z as zod } from 'zod/v3';
import { EntityAccess } from '../services/entities/EntityAccess';

/** The `entityRef` input of an action about one entity, described for an LLM. */
export function entityRefInput(
  z: typeof zod,
  defaultKind: string,
  example: string,
) {
  return z
    .string()
    .min(1)
    .max(600)
    .describe(
      `The catalog entity's ref, [kind:][namespace/]name (kind defaults to ${defaultKind}, namespace to default), e.g. ${example}`,
    );
}

/**
 * The entity `ref` names, read from the catalog with the caller's credentials as the routes read it:
 * an InputError for a malformed ref, a NotFoundError when the caller cannot see it.
 */
export function readEntity(
  entities: EntityAccess,
  ref: string,
  credentials: BackstageCredentials,
  defaultKind: string,
): Promise<Entity> {
  let name: CompoundEntityRef;
  try {
    name = parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' });
  } catch (error) {
    throw new InputError(
      `Invalid entity ref '${ref}': use [kind:][namespace/]name, e.g. ${defaultKind}:default/my-service`,
    );
  }
  return entities.entityByName(name, credentials);
}
