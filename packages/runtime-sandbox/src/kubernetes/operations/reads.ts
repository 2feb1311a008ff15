import { badRequest, notFound } from '../apiErrors';
import { matchesFields, parseFieldSelector } from '../fieldSelector';
import { matchesLabels, parseLabelSelector } from '../labelSelector';
import { KubernetesObject, clone } from '../objects';
import { ResourceType, apiVersionOf } from '../resources';
import { ApiContext } from './context';
import { ListOptions, ObjectList } from './types';

/** GET of one object; 404 when absent. */
export function getObject(
  ctx: ApiContext,
  resource: ResourceType,
  namespace: string | undefined,
  name: string,
): KubernetesObject {
  const object = ctx.store.get(resource, namespace, name);
  if (!object) throw notFound(resource, name);
  return clone(object);
}

function withoutTypeMeta(object: KubernetesObject): KubernetesObject {
  const { apiVersion, kind, ...rest } = object;
  return rest;
}

/**
 * LIST in a namespace (or all namespaces) with label and field selectors and paging. Items are
 * in `namespace/name` order; a page ends with a `continue` token when more keys remain.
 * Built-in kinds omit `apiVersion`/`kind` on items, as kube-apiserver does.
 */
export function listObjects(
  ctx: ApiContext,
  resource: ResourceType,
  namespace: string | undefined,
  options: ListOptions,
): ObjectList {
  const labels = parseLabelSelector(options.labelSelector);
  const fields = parseFieldSelector(options.fieldSelector, resource.kind);
  const limit = options.limit && options.limit > 0 ? options.limit : undefined;
  if (options.continue && options.resourceVersion) {
    throw badRequest(
      'specifying resource version is not allowed when using continue',
    );
  }
  const position = options.continue
    ? ctx.continueTokens.decode(options.continue)
    : undefined;
  const snapshot =
    position && position.rv > 0 ? position.rv : ctx.store.currentRevision();
  const startedAt =
    position && position.rv > 0
      ? position.at
      : ctx.continueTokens.currentTime();

  const items: KubernetesObject[] = [];
  let lastKey: string | undefined;
  let more = false;
  let remaining = 0;
  const filtered = labels.length > 0 || fields.length > 0;
  for (const [key, object] of ctx.store.scan(
    resource,
    namespace,
    position?.start,
  )) {
    if (limit !== undefined && items.length >= limit) {
      more = true;
      if (filtered) break;
      remaining++;
      continue;
    }
    if (
      !matchesLabels(labels, object.metadata?.labels) ||
      !matchesFields(fields, object)
    ) {
      continue;
    }
    items.push(resource.custom ? object : withoutTypeMeta(object));
    lastKey = key;
  }
  return {
    apiVersion: apiVersionOf(resource),
    kind: resource.listKind,
    metadata: {
      resourceVersion: String(ctx.store.currentRevision()),
      ...(more && lastKey !== undefined
        ? {
            continue: ctx.continueTokens.encode({
              rv: snapshot,
              start: lastKey,
              at: startedAt,
            }),
            ...(filtered ? {} : { remainingItemCount: remaining }),
          }
        : {}),
    },
    items,
  };
}
