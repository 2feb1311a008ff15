import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ExpiringResource } from './expiringResource';

/** The notification topic of expiry notices. */
const EXPIRY_NOTIFICATION_TOPIC = 'runtime-expiry';

/** The notification scope of a resource's expiry notice: a repeat replaces it, never adds one. */
function expiryNotificationScope(entityRef: string): string {
  return `runtime-expiry:${entityRef}`;
}

/**
 * Tells the owner group of `resource` that it will be retired at its expiry, with a link to its
 * entity page (where it can be extended).
 */
export async function notifyExpiry(
  notifications: NotificationService,
  resource: ExpiringResource,
): Promise<void> {
  const { kind, namespace, name } = parseEntityRef(resource.entityRef);
  const when = resource.expiresAt.toISOString();
  await notifications.send({
    recipients: { type: 'entity', entityRef: resource.owner },
    payload: {
      title: `${resource.title} expires at ${when}`,
      description: `The ${resource.type} ${resource.title} will be retired at ${when}, with everything its create action made (its data too). Extend it from its page to keep it.`,
      link: `/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${name}`,
      severity: 'high',
      topic: EXPIRY_NOTIFICATION_TOPIC,
      scope: expiryNotificationScope(resource.entityRef),
    },
  });
}
