import { conflict, notFound } from '../apiErrors';
import { applyConfiguration } from '../fieldManagement';
import { KubernetesObject, isPlainObject, timestamp } from '../objects';
import { ResourceType, apiVersionOf } from '../resources';
import { customResourceSchemaOf } from '../validation/customResourceSchemas';
import { findUnknownFields } from '../validation/structuralPruning';
import { applyUnknownFieldError } from '../validation/unknownFields';
import { commit } from './commit';
import { ApiContext } from './context';
import { checkNamespaceAcceptsContent } from './namespaceContent';
import { patchOptionsInvalid } from './patchOptions';
import { checkBody } from './requestBody';
import { fieldScopeOf } from './statusSubresource';
import { WritableSubresource, WriteOptions } from './types';

/**
 * Server-side apply (`application/apply-patch+yaml`): creates the object when absent (not through
 * a subresource), merges the apply configuration into it with managed fields, 409 on conflicts
 * with other managers unless `force`. The manager is required (422), and a field the CRD schema
 * does not declare fails whatever `fieldValidation` says.
 */
export function applyObject(
  ctx: ApiContext,
  resource: ResourceType,
  namespace: string | undefined,
  name: string,
  body: unknown,
  options: WriteOptions & {
    subresource?: WritableSubresource;
    force?: boolean;
  },
): KubernetesObject {
  if (!options.manager) {
    throw patchOptionsInvalid(
      'fieldManager: Required value: is required for apply patch',
    );
  }
  const crd = customResourceSchemaOf(resource);
  if (crd && isPlainObject(body)) {
    // Whatever fieldValidation says: the apply configuration must fit the schema to be typed.
    const unknown = findUnknownFields(body, crd.schema);
    if (unknown.length > 0)
      throw applyUnknownFieldError(resource, body as KubernetesObject, unknown);
  }
  const applied = checkBody(resource, namespace, body, name, true);
  const live = ctx.store.get(resource, namespace, name);
  const requested = applied.metadata?.resourceVersion;
  if (requested && requested !== live?.metadata?.resourceVersion) {
    throw conflict(resource, name);
  }
  if (!live && options.subresource) throw notFound(resource, name);
  if (!live) checkNamespaceAcceptsContent(ctx, resource, namespace, name);
  const { object, managedFields } = applyConfiguration(live, applied, {
    manager: options.manager,
    apiVersion: apiVersionOf(resource),
    subresource: options.subresource,
    scope: fieldScopeOf(resource, options.subresource),
    time: timestamp(ctx.now()),
    force: options.force ?? false,
  });
  object.metadata = { ...object.metadata, name, namespace };
  return commit(ctx, resource, live, object, { ...options, managedFields });
}
