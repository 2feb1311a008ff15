import { ContinueTokens } from './continueTokens';
import { ObjectStore } from './ObjectStore';
import { KubernetesObject } from './objects';
import { applyObject } from './operations/apply';
import { ApiContext } from './operations/context';
import { createObject } from './operations/create';
import { DeleteOptions, deleteObject } from './operations/delete';
import { patchObject } from './operations/patch';
import { getObject, listObjects } from './operations/reads';
import { replaceObject } from './operations/replace';
import {
  ListOptions,
  ObjectList,
  PatchType,
  WritableSubresource,
  WriteOptions,
} from './operations/types';
import { ResourceType, resourceOfKind } from './resources';

/**
 * The semantics of kube-apiserver for the served kinds, independent of HTTP, one operation per
 * module under `operations/`: get and list (`reads.ts`: selectors, paging with expiring continue
 * tokens), create, replace (optimistic concurrency) and delete, merge and strategic merge patches
 * (`patch.ts`), server-side apply with managed fields and conflicts (`apply.ts`), the status
 * subresource (`statusSubresource.ts`), and the write path they share (`commit.ts`: defaulting,
 * validation, generation, no-op detection, `dryRun`). The HTTP front (`handler.ts`) and the
 * simulated controllers call it.
 */
export class ApiServer implements ApiContext {
  private clusterIPs = 0;

  constructor(
    readonly store: ObjectStore,
    readonly continueTokens: ContinueTokens,
    readonly now: () => Date = () => new Date(),
  ) {}

  /** GET of one object; 404 when absent. */
  get(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubernetesObject {
    return getObject(this, resource, namespace, name);
  }

  /** LIST with selectors and paging (see {@link listObjects}). */
  list(
    resource: ResourceType,
    namespace: string | undefined,
    options: ListOptions,
  ): ObjectList {
    return listObjects(this, resource, namespace, options);
  }

  /** POST: creates an object; 409 `AlreadyExists` when the name is taken. */
  create(
    resource: ResourceType,
    namespace: string | undefined,
    body: unknown,
    options: WriteOptions,
  ): KubernetesObject {
    return createObject(this, resource, namespace, body, options);
  }

  /** PUT: replaces an object, or its status; 409 `Conflict` on a stale resourceVersion. */
  replace(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions & { subresource?: WritableSubresource },
  ): KubernetesObject {
    return replaceObject(this, resource, namespace, name, body, options);
  }

  /** PATCH: merge patch, strategic merge patch (built-ins) or server-side apply. */
  patch(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    body: unknown,
    options: WriteOptions & {
      subresource?: WritableSubresource;
      force?: boolean;
    },
  ): KubernetesObject {
    return type === 'apply'
      ? applyObject(this, resource, namespace, name, body, options)
      : patchObject(this, resource, namespace, name, type, body, options);
  }

  /** DELETE: removes an object (a Namespace starts terminating); 404 when absent. */
  delete(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions,
  ): KubernetesObject {
    return deleteObject(this, resource, namespace, name, options);
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

  /** The next free Service cluster IP (10.96.0.1, 10.96.0.2, …). */
  allocateClusterIP(): string {
    const n = ++this.clusterIPs;
    return `10.96.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
  }
}
