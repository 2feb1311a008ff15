import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  RUNTIME_ANNOTATIONS,
  RUNTIME_RESOURCE_DETAIL_ANNOTATIONS as D,
  RuntimeResourceType,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { resourceEnvironment, runtimeResourceType } from '../runtimeEntities';

/**
 * Who a live Runtime resource belongs to and where it is, as the day-2 templates take it: read from
 * the entity the catalog module writes (environment annotation, `spec.owner`, the service in
 * `spec.dependencyOf`, the upstream ref). A field that cannot be read is left out for the form to ask.
 */
export interface RuntimeResourceIdentity {
  type: RuntimeResourceType;
  environment?: string;
  /** The owning group's ref; left out when the catalog module fell back to its default owner. */
  owner?: string;
  /** The using service's ref, e.g. `component:default/semantic-search`. */
  service?: string;
  name?: string;
  /** The Kubernetes namespace (inference endpoints, routes, Argo Events workflows). */
  namespace?: string;
  /** A workflow's engine. */
  engine?: 'argo-events' | 'temporal';
}

/** The first component ref in `spec.dependencyOf`: the service the resource was made for. */
function serviceOf(entity: Entity): string | undefined {
  const refs = entity.spec?.dependencyOf;
  if (!Array.isArray(refs)) return undefined;
  for (const ref of refs) {
    if (typeof ref !== 'string') continue;
    try {
      const parsed = parseEntityRef(ref, { defaultKind: 'component' });
      if (parsed.kind.toLocaleLowerCase('en-US') === 'component') {
        return stringifyEntityRef(parsed);
      }
    } catch {
      // not an entity ref: no service
    }
  }
  return undefined;
}

/** `namespace/name` (a Kubernetes object) split in two. */
function namespaced(upstreamRef: string) {
  const [namespace, name, ...rest] = upstreamRef.split('/');
  return namespace && name && rest.length === 0
    ? { namespace, name }
    : { namespace: undefined, name: undefined };
}

/** A secret's name: its upstream ref is `<kv mount>/<service>/<name>`. */
function secretName(upstreamRef: string, service?: string) {
  if (!service) return undefined;
  const marker = `/${parseEntityRef(service).name}/`;
  const at = upstreamRef.indexOf(marker);
  return at < 0
    ? undefined
    : upstreamRef.slice(at + marker.length) || undefined;
}

function located(
  type: RuntimeResourceType,
  entity: Entity,
  service?: string,
): Pick<RuntimeResourceIdentity, 'name' | 'namespace' | 'engine'> {
  const annotations = entity.metadata.annotations ?? {};
  const upstreamRef = annotations[RUNTIME_ANNOTATIONS.upstreamRef] ?? '';
  switch (type) {
    case 'inference-endpoint':
    case 'route':
      return namespaced(upstreamRef);
    case 'bucket':
      return { name: upstreamRef.replace(/^s3:\/\//, '') || undefined };
    case 'secret':
      return { name: secretName(upstreamRef, service) };
    case 'workflow':
      if (annotations[D.workflowEngine] === 'temporal') {
        return {
          engine: 'temporal',
          name: upstreamRef.replace(/^temporal:/, '') || undefined,
        };
      }
      return annotations[D.workflowEngine] === 'argo-events'
        ? { engine: 'argo-events', ...namespaced(upstreamRef) }
        : {};
    case 'database':
      // `postgresql://<host>:<port>/<database>`: the database is the last part.
      return {
        name:
          upstreamRef.slice(
            Math.max(
              upstreamRef.lastIndexOf('/'),
              upstreamRef.lastIndexOf(':'),
            ) + 1,
          ) || undefined,
      };
    default:
      return {};
  }
}

/** The identity of a live Runtime resource, or undefined for any other entity. */
export function runtimeResourceIdentity(
  entity: Entity,
): RuntimeResourceIdentity | undefined {
  const type = runtimeResourceType(entity);
  if (!type) return undefined;
  const service = serviceOf(entity);
  const ownerProblem =
    entity.metadata.annotations?.[RUNTIME_ANNOTATIONS.ownerProblem];
  const owner =
    !ownerProblem && typeof entity.spec?.owner === 'string'
      ? entity.spec.owner
      : undefined;
  return withoutUndefined({
    type,
    environment: resourceEnvironment(entity),
    owner,
    service,
    ...located(type, entity, service),
  });
}

/** The object without its undefined fields, so a pre-filled form only holds what is known. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
