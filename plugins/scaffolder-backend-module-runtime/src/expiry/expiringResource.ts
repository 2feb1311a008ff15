import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  RUNTIME_ANNOTATIONS,
  RUNTIME_PROVIDER_LOCATION_PREFIX,
  RUNTIME_RESOURCE_DETAIL_ANNOTATIONS,
  RUNTIME_RESOURCE_TYPES,
  RuntimeResourceType,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { bucketAccessNames } from '@runtime-portal/backstage-plugin-runtime-node';
import { parseExpiresAt } from './expiresAt';

/** A catalog Resource with an expiry, and how to retire it. */
export interface ExpiringResource {
  entityRef: string;
  /** The entity's title (else its name), for the notification. */
  title: string;
  type: RuntimeResourceType;
  /** The owner group's entity ref (the entity's `spec.owner`). */
  owner: string;
  expiresAt: Date;
  /** The input of `runtime:<type>:delete` (with `force`: the owner agreed to the expiry). */
  deleteInput: JsonObject;
}

const TYPES: string[] = Object.values(RUNTIME_RESOURCE_TYPES);
const MANAGED_BY = 'backstage.io/managed-by-location';
const COMPONENT_PREFIX = 'component:default/';

/**
 * Reads what the expiry task needs from a Resource entity the Runtime catalog module made: its type
 * (`spec.type`), environment (annotation), owner (`spec.owner`), service (the component in
 * `spec.dependencyOf`), expiry (`runtime-portal.io/expires-at`) and, from its upstream ref, the
 * names the type's delete action takes. Whatever the entity says is only a claim: the delete action
 * checks it against the resource's own recorded owner and service. A bucket's stored keys (the
 * secret `<service>/buckets/<bucket>`, which carries the bucket's expiry) are `undefined`: the
 * bucket's delete retires them and its notice covers them. An entity that is not the module's,
 * lacks one of these or has an owner problem is an `InputError` saying what.
 */
export function expiringResourceOf(
  entity: Entity,
): ExpiringResource | undefined {
  const entityRef = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const fail = (what: string) =>
    new InputError(`${entityRef} cannot expire: ${what}`);
  if (!annotations[MANAGED_BY]?.startsWith(RUNTIME_PROVIDER_LOCATION_PREFIX)) {
    throw fail('it is not a live resource of the Runtime catalog module');
  }
  const type = entity.spec?.type;
  if (typeof type !== 'string' || !TYPES.includes(type)) {
    throw fail(`its type '${String(type)}' has no delete action`);
  }
  if (annotations[RUNTIME_ANNOTATIONS.ownerProblem]) {
    throw fail(
      `its owner is unknown (${annotations[RUNTIME_ANNOTATIONS.ownerProblem]})`,
    );
  }
  const expiresAt = parseExpiresAt(annotations[RUNTIME_ANNOTATIONS.expiresAt]);
  if (!expiresAt) {
    throw fail(
      `its expiry '${
        annotations[RUNTIME_ANNOTATIONS.expiresAt]
      }' is not an ISO 8601 UTC time`,
    );
  }
  const environment = annotations[RUNTIME_ANNOTATIONS.environment];
  const owner = entity.spec?.owner;
  const service = serviceOf(entity.spec?.dependencyOf);
  const upstreamRef = annotations[RUNTIME_ANNOTATIONS.upstreamRef];
  if (!environment || typeof owner !== 'string' || !service || !upstreamRef) {
    throw fail('it lacks its environment, owner, service or upstream ref');
  }
  if (
    type === RUNTIME_RESOURCE_TYPES.secret &&
    isBucketKeys(upstreamRef, service)
  ) {
    return undefined;
  }
  const names = namesOf(
    type as RuntimeResourceType,
    upstreamRef,
    service,
    annotations[RUNTIME_RESOURCE_DETAIL_ANNOTATIONS.workflowEngine],
  );
  if (!names) {
    throw fail(
      `its upstream ref '${upstreamRef}' does not name a ${type} of service ${service}`,
    );
  }
  return {
    entityRef,
    title: entity.metadata.title ?? entity.metadata.name,
    type: type as RuntimeResourceType,
    owner,
    expiresAt,
    deleteInput: { environment, owner, service, ...names, force: true },
  };
}

/** Whether the secret at `upstreamRef` (`<mount>/<path>`) is the stored keys of a bucket of `service`. */
function isBucketKeys(upstreamRef: string, service: string): boolean {
  const bucket = upstreamRef.split('/').pop() ?? '';
  return upstreamRef.endsWith(
    `/${bucketAccessNames(service, bucket).credentialsPath}`,
  );
}

/** The service of the first component in `dependencyOf` (the catalog module writes one). */
function serviceOf(dependencyOf: unknown): string | undefined {
  if (!Array.isArray(dependencyOf)) return undefined;
  const ref = dependencyOf.find(
    (r): r is string => typeof r === 'string' && r.startsWith(COMPONENT_PREFIX),
  );
  return ref?.slice(COMPONENT_PREFIX.length);
}

/**
 * The names a type's delete action takes, from the upstream ref the catalog module writes:
 * `s3://<bucket>`, `<mount>/<service>/<name>` (secret), `<namespace>/<name>` (endpoint, route, Argo
 * Events workflow), `temporal:<namespace>` (Temporal workflow), `postgresql://<host>:<port>/<database>`.
 */
function namesOf(
  type: RuntimeResourceType,
  upstreamRef: string,
  service: string,
  engine: string | undefined,
): JsonObject | undefined {
  const parts = upstreamRef.split('/');
  switch (type) {
    case RUNTIME_RESOURCE_TYPES.bucket: {
      const name = /^s3:\/\/([^/]+)$/.exec(upstreamRef)?.[1];
      return name ? { name } : undefined;
    }
    case RUNTIME_RESOURCE_TYPES.secret:
      return parts.length >= 3 && parts[parts.length - 2] === service
        ? { name: parts[parts.length - 1] }
        : undefined;
    case RUNTIME_RESOURCE_TYPES.inferenceEndpoint:
    case RUNTIME_RESOURCE_TYPES.route:
      return parts.length === 2
        ? { namespace: parts[0], name: parts[1] }
        : undefined;
    case RUNTIME_RESOURCE_TYPES.workflow:
      if (engine === 'temporal') {
        const name = /^temporal:(.+)$/.exec(upstreamRef)?.[1];
        return name ? { engine, name } : undefined;
      }
      return engine === 'argo-events' && parts.length === 2
        ? { engine, argoEvents: { namespace: parts[0] }, name: parts[1] }
        : undefined;
    case RUNTIME_RESOURCE_TYPES.database: {
      // `postgresql://<host>:<port>/<database>`
      const name = /^postgres(?:ql)?:\/\/[^/]+\/([a-z_][a-z0-9_]*)$/.exec(
        upstreamRef,
      )?.[1];
      return name ? { name } : undefined;
    }
    default:
      return undefined;
  }
}
