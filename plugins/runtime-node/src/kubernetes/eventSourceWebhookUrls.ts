import { ArgoEventSource } from './types';

/**
 * The name of the Service Argo Events' controller makes for an EventSource that declares
 * `spec.service.ports` (`buildService` in argo-events `pkg/reconciler/eventsource/resource.go`).
 *
 * @public
 */
export function eventSourceServiceName(eventSourceName: string): string {
  return `${eventSourceName}-eventsource-svc`;
}

/**
 * One webhook of an EventSource and the URL it answers on inside the cluster.
 *
 * @public
 */
export interface EventSourceWebhookUrl {
  /** The event's name: its key under `spec.webhook`. */
  eventName: string;
  /** `http://<eventsource>-eventsource-svc.<namespace>.svc:<service port><endpoint>`. */
  url: string;
}

/**
 * The in-cluster URLs of an EventSource's webhooks (`spec.webhook`): each reached through the
 * EventSource's Service, on the Service port whose `targetPort` (or `port`, when it has none) is the
 * webhook's port. Empty when the EventSource declares no `spec.service.ports` (Argo Events then makes
 * no Service) or no port leads to a webhook; a webhook with a server certificate and key is `https`.
 *
 * @public
 */
export function eventSourceWebhookUrls(
  eventSource: ArgoEventSource,
): EventSourceWebhookUrl[] {
  const { name, namespace } = eventSource.metadata;
  const ports = eventSource.spec.service?.ports ?? [];
  const webhooks = eventSource.spec.webhook;
  if (!namespace || ports.length === 0 || !isRecord(webhooks)) return [];
  const host = `${eventSourceServiceName(name)}.${namespace}.svc`;
  const urls: EventSourceWebhookUrl[] = [];
  for (const [eventName, webhook] of Object.entries(webhooks)) {
    if (!isRecord(webhook)) continue;
    const port = Number(webhook.port);
    const servicePort = ports.find(
      p => Number(p.targetPort ?? p.port) === port,
    );
    if (!servicePort || !Number.isInteger(port)) continue;
    const endpoint = String(webhook.endpoint ?? '');
    // The webhook server listens with TLS when it has both (argo-events pkg/eventsources/common/webhook).
    const scheme =
      webhook.serverCertSecret && webhook.serverKeySecret ? 'https' : 'http';
    urls.push({
      eventName,
      url: `${scheme}://${host}:${servicePort.port}${
        endpoint.startsWith('/') ? endpoint : `/${endpoint}`
      }`,
    });
  }
  return urls;
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
