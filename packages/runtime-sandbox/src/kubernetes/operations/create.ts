import { alreadyExists } from '../apiErrors';
import { KubernetesObject } from '../objects';
import { ResourceType } from '../resources';
import { strictBodyError } from '../validation/unknownFields';
import { commit } from './commit';
import { ApiContext } from './context';
import { checkNamespaceAcceptsContent } from './namespaceContent';
import { checkBody, pruneUndeclaredFields } from './requestBody';
import { WriteOptions } from './types';

const GENERATE_NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The random suffix `generateName` gets (5 characters of the API server's alphabet). */
function randomSuffix(length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out +=
      GENERATE_NAME_ALPHABET[
        Math.floor(Math.random() * GENERATE_NAME_ALPHABET.length)
      ];
  }
  return out;
}

/** POST: creates an object; 409 `AlreadyExists` when the name is taken. */
export function createObject(
  ctx: ApiContext,
  resource: ResourceType,
  namespace: string | undefined,
  body: unknown,
  options: WriteOptions,
): KubernetesObject {
  const object = checkBody(resource, namespace, body);
  pruneUndeclaredFields(resource, object, options, (_, unknown) =>
    strictBodyError(resource, unknown),
  );
  const meta = object.metadata!;
  if (!meta.name && meta.generateName)
    meta.name = `${meta.generateName}${randomSuffix()}`;
  if (meta.name && ctx.store.get(resource, namespace, meta.name)) {
    throw alreadyExists(resource, meta.name);
  }
  checkNamespaceAcceptsContent(ctx, resource, namespace, meta.name ?? '');
  return commit(ctx, resource, undefined, object, { ...options });
}
