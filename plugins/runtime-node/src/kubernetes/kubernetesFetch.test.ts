import http from 'node:http';
import { KubernetesClient } from './KubernetesClient';
import { NAMESPACE_KIND } from './kinds';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import {
  answerWith,
  endlessBody,
  resetMidBody,
  stallMidBody,
} from '../testing/faultyAnswers';
import { startTestServer, TestServer } from '../testing/testServer';

/** KubernetesClient's own transport (client-node through kubernetesFetch) against a faulty API server. */
describe('kubernetesFetch', () => {
  let server: TestServer;
  let handler: http.RequestListener;
  beforeAll(async () => {
    server = await startTestServer((req, res) => handler(req, res));
  });
  afterAll(() => server.close());

  const client = (timeoutMs = 2000, maxResponseBytes?: number) =>
    new KubernetesClient({
      environment: 'dev',
      access: {
        url: server.url,
        authProvider: 'serviceAccount',
        serviceAccountToken: 'token',
        skipTLSVerify: true,
        timeoutMs,
        maxResponseBytes,
      },
      retries: 0,
    });
  const list = (c: KubernetesClient) => c.list(NAMESPACE_KIND);

  it('reads a complete answer', async () => {
    handler = answerWith(
      JSON.stringify({
        kind: 'NamespaceList',
        apiVersion: 'v1',
        metadata: { resourceVersion: '7' },
        items: [{ metadata: { name: 'team-search' } }],
      }),
    );
    const page = await list(client());
    expect(page.items.map(n => n.metadata.name)).toEqual(['team-search']);
  });

  it('a list cut off by a connection reset is Truncated, not an empty list', async () => {
    handler = resetMidBody(
      JSON.stringify({
        kind: 'NamespaceList',
        items: Array.from({ length: 50 }, (_, i) => ({
          metadata: { name: `ns-${i}` },
        })),
      }),
    );
    expect(await expectUpstreamFailure(list(client()))).toMatchObject({
      upstream: 'kubernetes',
      reason: 'Truncated',
      status: 200,
      operation: 'list Namespace in the cluster',
    });
  });

  it('a list that stalls mid-body is a Timeout', async () => {
    handler = stallMidBody('{"kind":"NamespaceList","items":[');
    expect(await expectUpstreamFailure(list(client(200)))).toMatchObject({
      reason: 'Timeout',
      status: 200,
    });
  });

  it('a list over maxResponseBytes is TooLarge', async () => {
    handler = endlessBody();
    expect(
      await expectUpstreamFailure(list(client(2000, 128 * 1024))),
    ).toMatchObject({ reason: 'TooLarge', status: 200 });
  });
});
