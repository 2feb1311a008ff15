import { LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { JsonObject } from '@backstage/types';
import { RUNTIME_ANNOTATIONS } from '@runtime-portal/backstage-plugin-runtime-common';
import { provisioningActions } from '../actions';
import {
  ProvisioningAction,
  RuntimeActionDeps,
  runProvisioningAction,
} from '../actions/shared';
import { systemRun } from '../actions/shared/run';
import { RuntimeExpiryConfig } from './expiryConfig';
import { ExpiryNotices } from './expiryNotices';
import { ExpiringResource, expiringResourceOf } from './expiringResource';
import { notifyExpiry } from './notifyExpiry';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the expiry task is built with. */
export interface ResourceExpiryDeps {
  /** The provisioning actions' deps: the delete actions run with them (catalog, auth, clients, ...). */
  actions: RuntimeActionDeps;
  notifications: NotificationService;
  notices: ExpiryNotices;
  logger: LoggerService;
  config: RuntimeExpiryConfig;
  /** The clock (tests set it). Default the system time. */
  now?: () => Date;
  /** The delete actions, by id (default the module's `runtime:<type>:delete`). */
  deleteActions?: ProvisioningAction<any, JsonObject>[];
}

/** What one run of the expiry task did, by entity ref. */
export interface ResourceExpirySummary {
  notified: string[];
  retired: string[];
  failed: Array<{ entityRef: string; error: string }>;
}

/**
 * One run of `runtime-resource-expiry`: reads the catalog's Resources with a
 * `runtime-portal.io/expires-at` annotation (with the module's own credentials) and, for each,
 * retires it through its `runtime:<type>:delete` action as a system run once it has expired
 * (`force`, audited as `system` with reason `expired`), or else, once it is within
 * `notifyDaysBefore` of its expiry, notifies its owner group (once per expiry time). A failure on one
 * resource is logged and reported and does not stop the others.
 */
export function createResourceExpiryTask(deps: ResourceExpiryDeps) {
  const now = deps.now ?? (() => new Date());
  const deleteActions = deps.deleteActions ?? provisioningActions;

  async function retire(resource: ExpiringResource, signal?: AbortSignal) {
    const id = `runtime:${resource.type}:delete`;
    const action = deleteActions.find(a => a.id === id);
    if (!action) throw new Error(`There is no action ${id}`);
    const output = await runProvisioningAction(
      action,
      deps.actions,
      systemRun({
        input: resource.deleteInput,
        logger: deps.logger.child({ entityRef: resource.entityRef }),
        reason: 'expired',
        signal,
      }),
    );
    await deps.notices.forget(resource.entityRef);
    const removed = (output.removed as string[] | undefined) ?? [];
    deps.logger.info(
      `Retired expired ${
        resource.entityRef
      } (expired at ${resource.expiresAt.toISOString()}): ${
        removed.length ? removed.join(', ') : 'nothing was left'
      }`,
    );
  }

  async function notify(resource: ExpiringResource): Promise<boolean> {
    if (!(await deps.notices.take(resource.entityRef, resource.expiresAt))) {
      return false;
    }
    try {
      await notifyExpiry(deps.notifications, resource);
    } catch (error) {
      await deps.notices.giveBack(resource.entityRef, resource.expiresAt);
      throw error;
    }
    return true;
  }

  return async function runResourceExpiry(
    signal?: AbortSignal,
  ): Promise<ResourceExpirySummary> {
    const summary: ResourceExpirySummary = {
      notified: [],
      retired: [],
      failed: [],
    };
    const notifyMs = deps.config.notifyDaysBefore * DAY_MS;
    for (const entity of await expiringEntities(deps.actions)) {
      if (signal?.aborted) break;
      const entityRef = stringifyEntityRef(entity);
      try {
        const resource = expiringResourceOf(entity);
        if (!resource) continue; // a bucket's keys: retired with the bucket
        const left = resource.expiresAt.getTime() - now().getTime();
        if (left <= 0) {
          await retire(resource, signal);
          summary.retired.push(entityRef);
        } else if (left <= notifyMs && (await notify(resource))) {
          summary.notified.push(entityRef);
        }
      } catch (error) {
        const message = (error as Error).message;
        deps.logger.warn(`Expiry of ${entityRef} failed: ${message}`);
        summary.failed.push({ entityRef, error: message });
      }
    }
    return summary;
  };
}

/** The catalog's Resources with an expiry, read with the module's own credentials. */
async function expiringEntities(deps: RuntimeActionDeps): Promise<Entity[]> {
  const { items } = await deps.catalog.getEntities(
    {
      filter: {
        kind: 'Resource',
        [`metadata.annotations.${RUNTIME_ANNOTATIONS.expiresAt}`]:
          CATALOG_FILTER_EXISTS,
      },
    },
    { credentials: await deps.auth.getOwnServiceCredentials() },
  );
  return items;
}
