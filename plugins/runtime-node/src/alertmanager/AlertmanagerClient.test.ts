import http from 'node:http';
import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startAlertmanagerServer,
} from '@runtime-portal/runtime-sandbox';
import { startRealAlertmanager } from '../testing/realAlertmanager';
import { AlertmanagerClient } from './AlertmanagerClient';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { httpAccess } from '../testing/httpAccess';
import {
  endlessBody,
  resetMidBody,
  stallMidBody,
} from '../testing/faultyAnswers';
import {
  SilentServer,
  startSilentServer,
  startTestServer,
  TestServer,
} from '../testing/testServer';

const client = (url: string, timeoutMs = 5000) =>
  new AlertmanagerClient({
    environment: 'dev',
    access: httpAccess(url, { timeoutMs }),
  });

async function postAlerts(url: string, alerts: unknown[]) {
  const response = await fetch(`${url}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(alerts),
  });
  expect(response.status).toBe(200);
}

const posted = [
  {
    labels: { alertname: 'DiskFull', namespace: 'team-x', service: 'orders' },
    annotations: { summary: 'disk "full"' },
  },
  {
    labels: { alertname: 'DiskFull', namespace: 'team-x', service: 'billing' },
  },
  {
    labels: {
      alertname: 'Slow',
      namespace: 'team-y',
      service: 'orders',
      note: 'a\\b "c"',
    },
    generatorURL: 'http://prometheus/graph',
  },
];

/** The same expectations, against the real Alertmanager and against the sandbox's. */
function behavesLikeAlertmanager(
  start: () => Promise<{ url: string; stop(): Promise<void> }>,
) {
  let server: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    server = await start();
    await postAlerts(server.url, posted);
  }, 30_000);
  afterAll(() => server?.stop());

  it('lists exactly the alerts whose labels equal the filter', async () => {
    const alerts = await client(server.url).listAlerts({
      filter: { namespace: 'team-x', alertname: 'DiskFull' },
    });
    expect(alerts.map(a => a.labels.service).sort()).toEqual([
      'billing',
      'orders',
    ]);
    const orders = alerts.find(a => a.labels.service === 'orders')!;
    expect(orders).toMatchObject({
      annotations: { summary: 'disk "full"' },
      receivers: ['runtime-portal'],
      state: 'active',
      silencedBy: [],
      inhibitedBy: [],
      fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(orders.endsAt.getTime()).toBeGreaterThan(orders.startsAt.getTime());
  });

  it('escapes quotes and backslashes in filter values', async () => {
    const alerts = await client(server.url).listAlerts({
      filter: { note: 'a\\b "c"' },
    });
    expect(alerts.map(a => a.labels.alertname)).toEqual(['Slow']);
    expect(alerts[0].generatorURL).toBe('http://prometheus/graph');
  });

  it('answers nothing for a filter no alert matches, and nothing when active alerts are excluded', async () => {
    expect(
      await client(server.url).listAlerts({ filter: { service: 'none' } }),
    ).toEqual([]);
    expect(
      await client(server.url).listAlerts({
        filter: { namespace: 'team-x' },
        active: false,
      }),
    ).toEqual([]);
  });

  it('fails with Invalid for a filter on an invalid label name', async () => {
    const error = await expectUpstreamFailure(
      client(server.url).listAlerts({ filter: { '0bad': 'x' } }),
    );
    expect(error).toMatchObject({
      upstream: 'alertmanager',
      reason: 'Invalid',
      status: 400,
    });
    expect(error.detail).toContain('bad matcher format');
  });
}

describe('AlertmanagerClient', () => {
  describe('against the real Alertmanager', () => {
    behavesLikeAlertmanager(startRealAlertmanager);

    it('fingerprints labels as the sandbox does', async () => {
      // A one-off real server: the fingerprint of {alertname="A", service="x"} is 8760e5311ece6a7e.
      const real = await startRealAlertmanager();
      try {
        await postAlerts(real.url, [
          { labels: { alertname: 'A', service: 'x' } },
        ]);
        const [alert] = await client(real.url).listAlerts({
          filter: { alertname: 'A' },
        });
        expect(alert.fingerprint).toBe('8760e5311ece6a7e');
      } finally {
        await real.stop();
      }
    }, 30_000);
  });

  describe('against the sandbox', () => {
    behavesLikeAlertmanager(async () => {
      const running = await startAlertmanagerServer({
        port: 0,
        seed: loadSeed(),
        credentials: DEFAULT_SANDBOX_CREDENTIALS,
      });
      return { url: running.url, stop: () => running.close() };
    });

    it('lists the seeded firing alerts of a service', async () => {
      const running = await startAlertmanagerServer({
        port: 0,
        seed: loadSeed(),
        credentials: DEFAULT_SANDBOX_CREDENTIALS,
      });
      try {
        const alerts = await client(running.url).listAlerts({
          filter: { namespace: 'team-assistant' },
        });
        expect(
          alerts
            .map(
              a =>
                `${a.labels.alertname} ${a.labels.service} ${a.labels.severity}`,
            )
            .sort(),
        ).toEqual([
          'RuntimeHighErrorRatio llama-3-1-8b-instruct critical',
          'RuntimeHighErrorRatio support-assistant critical',
          'RuntimeHighLatency support-assistant warning',
        ]);
        expect(alerts[0].startsAt.getTime()).toBeLessThan(Date.now());
        expect(
          await client(running.url).listAlerts({
            filter: { alertname: 'A', service: 'x' },
          }),
        ).toEqual([]);
        await postAlerts(running.url, [
          { labels: { alertname: 'A', service: 'x' } },
        ]);
        const [alert] = await client(running.url).listAlerts({
          filter: { alertname: 'A', service: 'x' },
        });
        expect(alert.fingerprint).toBe('8760e5311ece6a7e');
      } finally {
        await running.close();
      }
    });
  });

  describe('failures', () => {
    let silent: SilentServer;
    beforeAll(async () => {
      silent = await startSilentServer();
    });
    afterAll(() => silent.close());

    it('times out against a server that never answers', async () => {
      expect(
        await expectUpstreamFailure(client(silent.url, 100).listAlerts()),
      ).toMatchObject({
        upstream: 'alertmanager',
        reason: 'Timeout',
      });
    });

    it('stops when the caller aborts', async () => {
      const controller = new AbortController();
      const pending = expectUpstreamFailure(
        client(silent.url).listAlerts({ signal: controller.signal }),
      );
      controller.abort();
      expect(await pending).toMatchObject({ reason: 'Aborted' });
    });

    describe('an answer cut off or too large is a failure, never "no alerts firing"', () => {
      let faulty: TestServer;
      let handler: http.RequestListener;
      beforeAll(async () => {
        faulty = await startTestServer((req, res) => handler(req, res));
      });
      afterAll(() => faulty.close());

      it('fails with Truncated when the connection is reset mid-body', async () => {
        handler = resetMidBody();
        const error = await expectUpstreamFailure(
          client(faulty.url).listAlerts({ filter: { namespace: 'team-x' } }),
        );
        expect(error).toMatchObject({
          upstream: 'alertmanager',
          reason: 'Truncated',
          status: 200,
          operation: 'list alerts',
        });
      });

      it('fails with Timeout when the body stalls past the timeout', async () => {
        handler = stallMidBody();
        expect(
          await expectUpstreamFailure(client(faulty.url, 200).listAlerts()),
        ).toMatchObject({ reason: 'Timeout', status: 200 });
      });

      it('fails with TooLarge over the configured limit', async () => {
        handler = endlessBody();
        const error = await expectUpstreamFailure(
          new AlertmanagerClient({
            environment: 'dev',
            access: httpAccess(faulty.url, { maxResponseBytes: 64 * 1024 }),
          }).listAlerts(),
        );
        expect(error).toMatchObject({ reason: 'TooLarge', status: 200 });
      });
    });

    it('fails with Unauthorized behind an authenticating proxy, without the token in the message', async () => {
      const proxy = await startTestServer((_req, res) => {
        res
          .writeHead(401, { 'content-type': 'text/plain' })
          .end('Unauthorized\n');
      });
      try {
        const error = await expectUpstreamFailure(
          new AlertmanagerClient({
            environment: 'dev',
            access: httpAccess(proxy.url, { token: 'secret-canary-token' }),
          }).listAlerts(),
        );
        expect(error).toMatchObject({ reason: 'Unauthorized', status: 401 });
        expect(error.message).not.toContain('canary');
      } finally {
        await proxy.close();
      }
    });
  });
});
