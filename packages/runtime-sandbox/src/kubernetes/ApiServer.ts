import { randomUUID } from 'node:crypto';
import {
  KubeApiError,
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  invalid,
  notFound,
  unsupportedMediaType,
} from './apiErrors';
import { ContinueTokens } from './continueTokens';
import { applyDefaults } from './defaults';
import {
  FieldScope,
  ManagedFieldsEntry,
  applyConfiguration,
  recordUpdate,
} from './fieldManagement';
import { matchesFields, parseFieldSelector } from './fieldSelector';
import {
  formatMatchLabels,
  matchesLabels,
  parseLabelSelector,
} from './labelSelector';
import { ObjectStore } from './ObjectStore';
import {
  KubernetesObject,
  canonicalOrder,
  clone,
  deepEqual,
  isPlainObject,
  readDottedPath,
  setAt,
} from './objects';
import { jsonPatch, mergePatch } from './patches';
import { ResourceType, apiVersionOf, resourceOfKind } from './resources';
import { validateObject } from './validation';
import { customResourceSchemaOf } from './validation/customResourceSchemas';
import {
  findUnknownFields,
  pruneUnknownFields,
} from './validation/structuralPruning';
import {
  FieldValidation,
  applyUnknownFieldError,
  strictBodyError,
  strictPatchError,
  unknownFieldWarnings,
} from './validation/unknownFields';

/** Options of every write. */
export interface WriteOptions {
  /** The field manager (from `fieldManager`, or derived from the User-Agent). */
  manager: string;
  /** `dryRun=All`: run every step but do not persist. */
  dryRun?: boolean;
  /** What to do with fields a CRD schema does not declare (default `Warn`). */
  fieldValidation?: FieldValidation;
  /** Collects the request's warnings (sent as `Warning` headers). */
  warnings?: string[];
}

/** The body format of a PATCH. */
export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

/** Options of a list. */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
}

/** A subresource that writes only part of the object. */
export type WritableSubresource = 'status' | 'scale';

/** A `*List` response. */
export interface ObjectList {
  apiVersion: string;
  kind: string;
  metadata: {
    resourceVersion: string;
    continue?: string;
    remainingItemCount?: number;
  };
  items: KubernetesObject[];
}

const GENERATE_NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** RFC 3339 with second precision, as Kubernetes timestamps are written. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

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

/** What `generation` tracks: everything but metadata and status. */
function specOf(object: KubernetesObject | undefined) {
  if (!object) return undefined;
  const { metadata, status, ...rest } = object;
  return rest;
}

/** The object without the parts that change on every write (for no-op detection). */
function comparable(object: KubernetesObject) {
  const copy = { ...object, metadata: { ...object.metadata } };
  delete copy.metadata.resourceVersion;
  copy.metadata.managedFields = (object.metadata?.managedFields ?? []).map(
    entry => {
      const { time, ...rest } = entry as Record<string, unknown>;
      return rest as any;
    },
  );
  return copy;
}

/**
 * The semantics of kube-apiserver for the served kinds, independent of HTTP: create, get, list
 * (selectors, paging with expiring continue tokens), update with optimistic concurrency, merge
 * and JSON patches, server-side apply with managed fields and conflicts, status and scale
 * subresources, delete, defaulting and validation, `dryRun`. Simulated controllers use it too.
 */
export class ApiServer {
  private clusterIPs = 0;

  constructor(
    readonly store: ObjectStore,
    private readonly continueTokens: ContinueTokens,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** GET of one object; 404 when absent. */
  get(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubernetesObject {
    const object = this.store.get(resource, namespace, name);
    if (!object) throw notFound(resource, name);
    return clone(object);
  }

  /**
   * LIST in a namespace (or all namespaces) with label and field selectors and paging. Items are
   * in `namespace/name` order; a page ends with a `continue` token when more keys remain.
   * Built-in kinds omit `apiVersion`/`kind` on items, as kube-apiserver does.
   */
  list(
    resource: ResourceType,
    namespace: string | undefined,
    options: ListOptions,
  ): ObjectList {
    const labels = parseLabelSelector(options.labelSelector);
    const fields = parseFieldSelector(options.fieldSelector, resource.kind);
    const limit =
      options.limit && options.limit > 0 ? options.limit : undefined;
    if (options.continue && options.resourceVersion) {
      throw badRequest(
        'specifying resource version is not allowed when using continue',
      );
    }
    const position = options.continue
      ? this.continueTokens.decode(options.continue)
      : undefined;
    const snapshot =
      position && position.rv > 0 ? position.rv : this.store.currentRevision();
    const startedAt =
      position && position.rv > 0
        ? position.at
        : this.continueTokens.currentTime();

    const items: KubernetesObject[] = [];
    let lastKey: string | undefined;
    let more = false;
    let remaining = 0;
    const filtered = labels.length > 0 || fields.length > 0;
    for (const [key, object] of this.store.scan(
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
        resourceVersion: String(this.store.currentRevision()),
        ...(more && lastKey !== undefined
          ? {
              continue: this.continueTokens.encode({
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

  /** POST: creates an object; 409 `AlreadyExists` when the name is taken. */
  create(
    resource: ResourceType,
    namespace: string | undefined,
    body: unknown,
    options: WriteOptions,
  ): KubernetesObject {
    const object = this.checkBody(resource, namespace, body);
    this.pruneUnknownFields(resource, object, options, (_, unknown) =>
      strictBodyError(resource, unknown),
    );
    const meta = object.metadata!;
    if (!meta.name && meta.generateName)
      meta.name = `${meta.generateName}${randomSuffix()}`;
    if (meta.name && this.store.get(resource, namespace, meta.name)) {
      throw alreadyExists(resource, meta.name);
    }
    this.checkNamespaceAcceptsContent(resource, namespace, meta.name ?? '');
    return this.commit(resource, undefined, object, { ...options });
  }

  /** PUT: replaces an object, or its status; 409 `Conflict` on a stale resourceVersion. */
  replace(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions & { subresource?: 'status' },
  ): KubernetesObject {
    const object = this.checkBody(resource, namespace, body, name);
    this.pruneUnknownFields(resource, object, options, (_, unknown) =>
      strictBodyError(resource, unknown),
    );
    const live = this.store.get(resource, namespace, name);
    if (!live) throw notFound(resource, name);
    const requested = object.metadata?.resourceVersion;
    if (!requested && resource.custom) {
      throw invalid(resource, name, [
        {
          reason: 'FieldValueInvalid',
          message: 'Invalid value: 0x0: must be specified for an update',
          field: 'metadata.resourceVersion',
        },
      ]);
    }
    if (requested && requested !== live.metadata?.resourceVersion)
      throw conflict(resource, name);
    return this.commit(resource, live, object, options);
  }

  /** PATCH: merge patch, JSON patch, strategic merge patch (built-ins) or server-side apply. */
  patch(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    body: unknown,
    options: WriteOptions & { subresource?: 'status'; force?: boolean },
  ): KubernetesObject {
    if (type === 'apply')
      return this.apply(resource, namespace, name, body, options);
    if (options.force) {
      throw this.patchOptionsInvalid(
        'force: Forbidden: may not be specified for non-apply patch',
      );
    }
    if (type === 'strategic' && resource.custom) {
      throw unsupportedMediaType('application/strategic-merge-patch+json', [
        'application/json-patch+json',
        'application/merge-patch+json',
        'application/apply-patch+yaml',
      ]);
    }
    const live = this.store.get(resource, namespace, name);
    if (!live) throw notFound(resource, name);
    const patched =
      type === 'json' ? jsonPatch(live, body) : mergePatch(live, body);
    if (!isPlainObject(patched))
      throw badRequest('the patch did not produce an object');
    this.pruneUnknownFields(resource, patched, options, strictPatchError);
    const requested = patched.metadata?.resourceVersion;
    if (
      requested !== undefined &&
      requested !== live.metadata?.resourceVersion
    ) {
      throw conflict(resource, name);
    }
    return this.commit(resource, live, patched as KubernetesObject, options);
  }

  /** DELETE: removes an object (a Namespace starts terminating); 404 when absent. */
  delete(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
    options: {
      dryRun?: boolean;
      preconditions?: { uid?: string; resourceVersion?: string };
    },
  ): KubernetesObject {
    const live = this.store.get(resource, namespace, name);
    if (!live) throw notFound(resource, name);
    const { uid, resourceVersion } = options.preconditions ?? {};
    if (uid && uid !== live.metadata?.uid) {
      throw conflict(
        resource,
        name,
        `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${live.metadata?.uid}`,
      );
    }
    if (resourceVersion && resourceVersion !== live.metadata?.resourceVersion) {
      throw conflict(
        resource,
        name,
        `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${live.metadata?.resourceVersion}`,
      );
    }
    const details = {
      name,
      group: resource.group || undefined,
      kind: resource.plural,
      uid: live.metadata?.uid,
    };
    if (resource.kind === 'Namespace') {
      if (live.metadata?.deletionTimestamp) return clone(live);
      const terminating = clone(live);
      terminating.metadata!.deletionTimestamp = timestamp(this.now());
      terminating.status = { ...terminating.status, phase: 'Terminating' };
      if (options.dryRun) return terminating;
      terminating.metadata!.resourceVersion = String(this.store.nextRevision());
      this.store.put(resource, terminating);
      return clone(terminating);
    }
    if (!options.dryRun) {
      this.store.nextRevision();
      this.store.remove(resource, live);
    }
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details,
    };
  }

  /** GET of the `scale` subresource (autoscaling/v1 `Scale`). */
  getScale(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
  ) {
    return this.scaleOf(resource, this.get(resource, namespace, name));
  }

  /** PUT or PATCH of the `scale` subresource: sets the replicas the scale path names. */
  writeScale(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
    change: { type: 'replace' | PatchType; body: unknown },
    options: WriteOptions,
  ) {
    const live = this.store.get(resource, namespace, name);
    if (!live) throw notFound(resource, name);
    const current = this.scaleOf(resource, live);
    let scale: any;
    if (change.type === 'replace') scale = change.body;
    else if (change.type === 'json') scale = jsonPatch(current, change.body);
    else if (change.type === 'merge' || change.type === 'strategic')
      scale = mergePatch(current, change.body);
    else
      throw unsupportedMediaType('application/apply-patch+yaml', [
        'application/json-patch+json',
        'application/merge-patch+json',
      ]);
    const requested = scale?.metadata?.resourceVersion;
    if (requested && requested !== live.metadata?.resourceVersion)
      throw conflict(resource, name);
    const replicas = scale?.spec?.replicas;
    if (!Number.isInteger(replicas) || replicas < 0) {
      throw new KubeApiError(
        422,
        'Invalid',
        `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(
          replicas ?? null,
        )}: must be greater than or equal to 0`,
        {
          name,
          group: 'autoscaling',
          kind: 'Scale',
          causes: [
            {
              reason: 'FieldValueInvalid',
              message: `Invalid value: ${JSON.stringify(
                replicas ?? null,
              )}: must be greater than or equal to 0`,
              field: 'spec.replicas',
            },
          ],
        },
      );
    }
    const updated = clone(live);
    setAt(
      updated,
      resource.scale!.specReplicasPath.replace(/^\./, '').split('.'),
      replicas,
    );
    return this.scaleOf(
      resource,
      this.commit(resource, live, updated, {
        ...options,
        subresource: 'scale',
      }),
    );
  }

  /**
   * Creates objects as POSTs would, without HTTP (for seeding, tests and benchmarks). Namespaced
   * objects need their Namespace first, in the same call or before.
   */
  insert(
    objects: KubernetesObject[],
    manager = 'runtime-sandbox',
  ): KubernetesObject[] {
    return objects.map(object => {
      const resource = resourceOfKind(object.kind ?? '');
      return this.create(resource, object.metadata?.namespace, object, {
        manager,
      });
    });
  }

  /** Expires every continue token issued so far (what an etcd compaction does to them). */
  expireContinueTokens() {
    // Lists started from now on see the new revision, which the compaction keeps.
    this.continueTokens.compact(this.store.nextRevision());
  }

  private apply(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions & { subresource?: 'status'; force?: boolean },
  ): KubernetesObject {
    if (!options.manager) {
      throw this.patchOptionsInvalid(
        'fieldManager: Required value: is required for apply patch',
      );
    }
    const crd = customResourceSchemaOf(resource);
    if (crd && isPlainObject(body)) {
      // Whatever fieldValidation says: the apply configuration must fit the schema to be typed.
      const unknown = findUnknownFields(body, crd.schema);
      if (unknown.length > 0)
        throw applyUnknownFieldError(
          resource,
          body as KubernetesObject,
          unknown,
        );
    }
    const applied = this.checkBody(resource, namespace, body, name, true);
    const live = this.store.get(resource, namespace, name);
    const requested = applied.metadata?.resourceVersion;
    if (requested && requested !== live?.metadata?.resourceVersion) {
      throw conflict(resource, name);
    }
    if (!live && options.subresource) throw notFound(resource, name);
    if (!live) this.checkNamespaceAcceptsContent(resource, namespace, name);
    const { object, managedFields } = applyConfiguration(live, applied, {
      manager: options.manager,
      apiVersion: apiVersionOf(resource),
      subresource: options.subresource,
      scope: this.scopeOf(resource, options.subresource),
      time: timestamp(this.now()),
      force: options.force ?? false,
    });
    object.metadata = { ...object.metadata, name, namespace };
    return this.commit(resource, live, object, { ...options, managedFields });
  }

  /**
   * The common write path: subresource filtering, server-owned metadata, defaults, managed fields,
   * validation, generation, no-op detection and storage with a new resourceVersion.
   */
  private commit(
    resource: ResourceType,
    live: KubernetesObject | undefined,
    input: KubernetesObject,
    options: WriteOptions & {
      subresource?: WritableSubresource;
      managedFields?: ManagedFieldsEntry[];
    },
  ): KubernetesObject {
    const now = this.now();
    let candidate = clone(input);
    if (live && options.subresource === 'status') {
      candidate = { ...clone(live), status: candidate.status };
    } else if (resource.statusSubresource) {
      candidate.status = clone(live?.status);
      if (candidate.status === undefined) delete candidate.status;
    }
    candidate.apiVersion = apiVersionOf(resource);
    candidate.kind = resource.kind;
    const meta = { ...candidate.metadata };
    if (live) {
      meta.name = live.metadata!.name;
      meta.namespace = live.metadata!.namespace;
      meta.uid = live.metadata!.uid;
      meta.creationTimestamp = live.metadata!.creationTimestamp;
      meta.generation = live.metadata!.generation;
      if (live.metadata!.deletionTimestamp)
        meta.deletionTimestamp = live.metadata!.deletionTimestamp;
      else delete meta.deletionTimestamp;
    } else {
      meta.uid = randomUUID();
      meta.creationTimestamp = timestamp(now);
      meta.generation = 1;
      delete meta.deletionTimestamp;
    }
    if (!resource.namespaced) delete meta.namespace;
    delete meta.resourceVersion;
    delete meta.selfLink;
    candidate.metadata = meta;

    applyDefaults(resource, candidate, live, () => this.allocateClusterIP());

    candidate.metadata.managedFields = (options.managedFields ??
      recordUpdate(live, candidate, {
        manager: options.manager,
        apiVersion: apiVersionOf(resource),
        subresource: options.subresource,
        scope: this.scopeOf(resource, options.subresource),
        time: timestamp(now),
      })) as any;

    const causes = validateObject(resource, candidate, live);
    if (causes.length > 0) throw invalid(resource, meta.name ?? '', causes);

    if (live && !deepEqual(specOf(live), specOf(candidate))) {
      meta.generation = (live.metadata!.generation ?? 1) + 1;
    }
    if (live && deepEqual(comparable(live), comparable(candidate))) {
      return clone(live);
    }
    if (options.dryRun) {
      if (live) meta.resourceVersion = live.metadata!.resourceVersion;
      return canonicalOrder(candidate);
    }
    meta.resourceVersion = String(this.store.nextRevision());
    const stored = canonicalOrder(candidate);
    this.store.put(resource, stored);
    return clone(stored);
  }

  private scopeOf(
    resource: ResourceType,
    subresource?: WritableSubresource,
  ): FieldScope {
    if (subresource === 'status') return 'status';
    return resource.statusSubresource ? 'main' : 'all';
  }

  /** Checks a request body's type, name and namespace against the URL. */
  private checkBody(
    resource: ResourceType,
    namespace: string | undefined,
    body: unknown,
    name?: string,
    typeRequired = false,
  ): KubernetesObject {
    if (!isPlainObject(body))
      throw badRequest('the request body must be a JSON or YAML object');
    const object = clone(body) as KubernetesObject;
    const expected = apiVersionOf(resource);
    if (typeRequired && (!object.apiVersion || !object.kind)) {
      throw badRequest(
        `${
          !object.apiVersion ? 'apiVersion' : 'kind'
        } must be set in an apply configuration`,
      );
    }
    if (object.apiVersion !== undefined && object.apiVersion !== expected) {
      throw badRequest(
        `the API version in the data (${object.apiVersion}) does not match the expected API version (${expected})`,
      );
    }
    if (object.kind !== undefined && object.kind !== resource.kind) {
      throw badRequest(
        `the kind in the data (${object.kind}) does not match the expected kind (${resource.kind})`,
      );
    }
    object.metadata = isPlainObject(object.metadata) ? object.metadata : {};
    const meta = object.metadata!;
    if (name !== undefined) {
      if (meta.name !== undefined && meta.name !== name) {
        throw badRequest(
          `the name of the object (${meta.name}) does not match the name on the URL (${name})`,
        );
      }
      meta.name = name;
    }
    if (resource.namespaced) {
      if (meta.namespace !== undefined && meta.namespace !== namespace) {
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      meta.namespace = namespace;
    }
    return object;
  }

  /**
   * Prunes the fields a CRD schema does not declare from a decoded body, and warns about them or
   * (under `fieldValidation=Strict`) fails with the request's strict decoding error.
   */
  private pruneUnknownFields(
    resource: ResourceType,
    object: Record<string, unknown>,
    options: WriteOptions,
    strictError: (received: unknown, unknown: string[]) => KubeApiError,
  ) {
    const crd = customResourceSchemaOf(resource);
    if (!crd) return;
    const validation = options.fieldValidation ?? 'Warn';
    const received = validation === 'Strict' ? clone(object) : undefined;
    const unknown = pruneUnknownFields(object, crd.schema);
    if (unknown.length === 0) return;
    if (validation === 'Strict') throw strictError(received, unknown);
    if (validation === 'Warn')
      options.warnings?.push(...unknownFieldWarnings(unknown));
  }

  private checkNamespaceAcceptsContent(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
  ) {
    if (!resource.namespaced || !namespace) return;
    const ns = this.store.get(
      resourceOfKind('Namespace'),
      undefined,
      namespace,
    );
    if (!ns) throw notFound(resourceOfKind('Namespace'), namespace);
    if (ns.metadata?.deletionTimestamp) {
      throw forbidden(
        resource,
        name,
        `unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
  }

  private patchOptionsInvalid(cause: string): KubeApiError {
    const [field, ...rest] = cause.split(': ');
    return new KubeApiError(
      422,
      'Invalid',
      `PatchOptions.meta.k8s.io "" is invalid: ${cause}`,
      {
        group: 'meta.k8s.io',
        kind: 'PatchOptions',
        causes: [
          { reason: 'FieldValueInvalid', message: rest.join(': '), field },
        ],
      },
    );
  }

  private scaleOf(resource: ResourceType, object: KubernetesObject) {
    if (!resource.scale) throw notFound(resource, object.metadata?.name ?? '');
    const matchLabels = object.spec?.selector?.matchLabels;
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: object.metadata?.name,
        namespace: object.metadata?.namespace,
        uid: object.metadata?.uid,
        resourceVersion: object.metadata?.resourceVersion,
        creationTimestamp: object.metadata?.creationTimestamp,
      },
      spec: {
        replicas: readDottedPath(object, resource.scale.specReplicasPath) ?? 0,
      },
      status: {
        replicas:
          readDottedPath(object, resource.scale.statusReplicasPath) ?? 0,
        ...(isPlainObject(matchLabels)
          ? { selector: formatMatchLabels(matchLabels) }
          : {}),
      },
    };
  }

  private allocateClusterIP(): string {
    const n = ++this.clusterIPs;
    return `10.96.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
  }
}

function withoutTypeMeta(object: KubernetesObject): KubernetesObject {
  const { apiVersion, kind, ...rest } = object;
  return rest;
}
