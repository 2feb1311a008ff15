import {
  eventSourceServiceName,
  eventSourceWebhookUrls,
} from './eventSourceWebhookUrls';
import { ArgoEventSource } from './types';

/** Shaped like argo-events v1.9.11 examples/event-sources/webhook.yaml, in a team namespace. */
const webhookSource = (
  spec: Partial<ArgoEventSource['spec']> = {},
): ArgoEventSource => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'EventSource',
  metadata: { name: 'webhook', namespace: 'team-search' },
  spec: {
    service: { ports: [{ port: 12000, targetPort: 12000 }] },
    webhook: {
      example: { port: '12000', endpoint: '/example', method: 'POST' },
    },
    ...spec,
  },
});

describe('eventSourceWebhookUrls', () => {
  it('names the Service as Argo Events does', () => {
    expect(eventSourceServiceName('reindex')).toBe('reindex-eventsource-svc');
  });

  it('gives each webhook its in-cluster URL through the Service', () => {
    expect(eventSourceWebhookUrls(webhookSource())).toEqual([
      {
        eventName: 'example',
        url: 'http://webhook-eventsource-svc.team-search.svc:12000/example',
      },
    ]);
  });

  it('uses the Service port that leads to the webhook port, and targetPort defaulting to port', () => {
    const source = webhookSource({
      service: {
        ports: [{ port: 80, targetPort: 12000 }, { port: 13000 }],
      },
      webhook: {
        a: { port: '12000', endpoint: '/a', method: 'POST' },
        b: { port: '13000', endpoint: 'b', method: 'POST' },
        unexposed: { port: '14000', endpoint: '/c', method: 'POST' },
      },
    });
    expect(eventSourceWebhookUrls(source).map(u => u.url)).toEqual([
      'http://webhook-eventsource-svc.team-search.svc:80/a',
      'http://webhook-eventsource-svc.team-search.svc:13000/b',
    ]);
  });

  it('is https for a webhook with a server certificate and key', () => {
    const secret = { name: 'tls', key: 'x' };
    const source = webhookSource({
      webhook: {
        secure: {
          port: '12000',
          endpoint: '/secure',
          method: 'POST',
          serverCertSecret: secret,
          serverKeySecret: secret,
        },
      },
    });
    expect(eventSourceWebhookUrls(source)[0].url).toBe(
      'https://webhook-eventsource-svc.team-search.svc:12000/secure',
    );
  });

  it('has no URL without a declared Service (Argo Events makes none) or without a webhook', () => {
    expect(
      eventSourceWebhookUrls(webhookSource({ service: undefined })),
    ).toEqual([]);
    expect(
      eventSourceWebhookUrls(webhookSource({ service: { ports: [] } })),
    ).toEqual([]);
    expect(
      eventSourceWebhookUrls(
        webhookSource({
          webhook: undefined,
          calendar: { nightly: { schedule: '0 3 * * *' } },
        }),
      ),
    ).toEqual([]);
  });
});
