import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  RuntimeEnvironmentObservability,
  RuntimeObservabilityReport,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  RuntimeObservabilitySignal,
  RuntimeObservabilitySignalRequest,
  runtimeObservabilitySignalsExtensionPoint,
  RuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';
import request from 'supertest';
import { runtimePlugin } from './plugin';
import { catalogHiding, serviceEntity } from './testing/entities';
import { sandboxAccessConfig } from './testing/access';

const owned = serviceEntity('semantic-search', 'team-search', 'search-team');
/** A search-team service whose annotations name media-team's namespace. */
const intruder = serviceEntity('intruder', 'team-media', 'search-team');
const hidden = serviceEntity('meeting-transcriber', 'team-media', 'media-team');
const ENTITIES = [owned, intruder, hidden];

const path = (entity: Entity, range = '1h') =>
  `/api/runtime/entity/component/default/${entity.metadata.name}/observability?range=${range}`;

/** An adopter's signal that records what it was asked. */
function recordingSignal(
  overrides: Partial<RuntimeObservabilitySignal> = {},
): RuntimeObservabilitySignal & { calls: RuntimeObservabilitySignalRequest[] } {
  const calls: RuntimeObservabilitySignalRequest[] = [];
  return {
    id: 'slo-budget',
    title: 'SLO budget',
    scope: 'entity',
    read: async req => {
      calls.push(req);
      return {
        entityRef: req.entityRef,
        environment: req.environment,
        range: req.window.range,
        remaining: 0.42,
      };
    },
    ...overrides,
    calls,
  };
}

function signalsModule(
  moduleId: string,
  ...signals: RuntimeObservabilitySignal[]
) {
  return createBackendModule({
    pluginId: 'runtime',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { observability: runtimeObservabilitySignalsExtensionPoint },
        async init({ observability }) {
          signals.forEach(s => observability.addObservabilitySignal(s));
        },
      });
    },
  });
}

/** Starts the plugin with `features`: environment `dev` has no upstream, `prod` a Prometheus. */
function start(
  features: ReturnType<typeof createBackendModule>[],
  observability: {
    signalTimeoutMs?: number;
    cacheTtlSeconds?: Record<string, number>;
  } = {},
) {
  return startTestBackend({
    features: [
      runtimePlugin,
      ...features,
      catalogHiding(ENTITIES, hidden).factory,
      mockServices.rootConfig.factory({
        data: {
          runtime: {
            access: sandboxAccessConfig(),
            observability,
            environments: [
              { name: 'dev' },
              // Never reached: the signals that need Prometheus only check that it is configured.
              { name: 'prod', prometheus: { url: 'http://127.0.0.1:9' } },
            ],
          },
        },
      }),
    ],
  });
}

async function report(server: any, entity: Entity, range = '1h') {
  const response = await request(server)
    .get(path(entity, range))
    .set('authorization', mockCredentials.user.header());
  expect(response.status).toBe(200);
  return response.body as RuntimeObservabilityReport;
}

const env = (r: RuntimeObservabilityReport, name: string) =>
  r.environments.find(e => e.environment === name)!;

/** The report of one viewer after the encoded report shared by concurrent viewers (1 s) is gone. */
const afterSharedReport = () => new Promise(r => setTimeout(r, 1100));

describe('runtimeObservabilitySignalsExtensionPoint', () => {
  it("puts an added signal into every environment's report, after the built-in ones", async () => {
    const slo = recordingSignal();
    const backend = await start([signalsModule('test-slo', slo)]);
    const { server } = backend;
    try {
      const result = await report(server, owned, '6h');
      const dev: RuntimeEnvironmentObservability = env(result, 'dev');
      expect(dev.metrics.status).toBe('not-configured');
      expect(dev.extraSignals).toEqual({
        'slo-budget': {
          title: 'SLO budget',
          status: 'ok',
          data: {
            entityRef: 'component:default/semantic-search',
            environment: 'dev',
            range: '6h',
            remaining: 0.42,
          },
          fetchedAt: expect.any(String),
        },
      });
      expect(env(result, 'prod').extraSignals?.['slo-budget'].status).toBe(
        'ok',
      );
      const [asked] = slo.calls;
      expect(asked.entity.metadata.name).toBe('semantic-search');
      expect(asked.service).toBeUndefined();
      expect(asked.signal).toBeInstanceOf(AbortSignal);
      expect(asked.window.end.getTime() - asked.window.start.getTime()).toBe(
        6 * 3600 * 1000,
      );
      expect(asked.clients.environments().map(e => e.name)).toEqual([
        'dev',
        'prod',
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('reads an added signal once per TTL whoever asks, per entity and environment', async () => {
    const slo = recordingSignal();
    const backend = await start([signalsModule('test-slo', slo)], {
      cacheTtlSeconds: { 'slo-budget': 2 },
    });
    const { server } = backend;
    const asked = () =>
      slo.calls.map(c => `${c.entityRef.split('/')[1]} ${c.environment}`);
    try {
      await Promise.all(
        Array.from({ length: 10 }, () => report(server, owned)),
      );
      expect(asked().sort()).toEqual([
        'semantic-search dev',
        'semantic-search prod',
      ]);
      await afterSharedReport();
      await report(server, owned);
      await report(server, intruder);
      expect(asked().sort()).toEqual([
        'intruder dev',
        'intruder prod',
        'semantic-search dev',
        'semantic-search prod',
      ]);
      // Past the TTL (2 s, from the config): the value is served while one refresh runs.
      await afterSharedReport();
      await report(server, owned);
      await new Promise(r => setTimeout(r, 100));
      expect(asked().filter(a => a.startsWith('semantic-search'))).toEqual([
        'semantic-search dev',
        'semantic-search prod',
        'semantic-search dev',
        'semantic-search prod',
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('keeps a failing, slow or unserialisable signal to itself', async () => {
    const slo = recordingSignal();
    const broken = recordingSignal({
      id: 'broken',
      title: 'Broken',
      read: async () => {
        throw new TypeError('cannot read properties of undefined');
      },
    });
    const upstreamDown = recordingSignal({
      id: 'quota',
      title: 'Quota',
      upstream: 'prometheus',
      read: async req => {
        throw new RuntimeUpstreamError({
          upstream: 'prometheus',
          environment: req.environment,
          operation: 'query quota',
          reason: 'Unavailable',
          status: 503,
        });
      },
    });
    // Ignores its abort signal: the budget must hold anyway.
    const stuckSignals: AbortSignal[] = [];
    const stuck = recordingSignal({
      id: 'stuck',
      title: 'Stuck',
      read: req => {
        stuckSignals.push(req.signal);
        return new Promise(() => {});
      },
    });
    const bigint = recordingSignal({
      id: 'bigint',
      title: 'Big',
      read: async () => ({ total: BigInt(1) } as any),
    });
    const backend = await start(
      [signalsModule('test-signals', slo, broken, upstreamDown, stuck, bigint)],
      { signalTimeoutMs: 300 },
    );
    const { server } = backend;
    try {
      const started = Date.now();
      const result = await report(server, owned);
      expect(Date.now() - started).toBeLessThan(5000);
      const { extraSignals: dev } = env(result, 'dev');
      const { extraSignals: prod } = env(result, 'prod');
      expect(Object.keys(dev!)).toEqual([
        'slo-budget',
        'broken',
        'quota',
        'stuck',
        'bigint',
      ]);
      expect(dev!['slo-budget'].status).toBe('ok');
      expect(dev!.broken).toMatchObject({
        status: 'unavailable',
        message: 'Broken could not be read (TypeError)',
      });
      expect(dev!.quota).toMatchObject({
        status: 'not-configured',
        message: expect.stringMatching(
          /Quota needs prometheus, which is not configured for dev/,
        ),
      });
      expect(prod!.quota).toMatchObject({
        status: 'unavailable',
        message: expect.stringMatching(/^Quota is unavailable: .*query quota/),
      });
      expect(dev!.stuck).toMatchObject({
        status: 'unavailable',
        message: 'Stuck did not answer within 300 ms',
      });
      expect(stuckSignals.map(signal => signal.aborted)).toEqual([true, true]);
      expect(dev!.bigint).toMatchObject({
        status: 'unavailable',
        message: 'Big could not be read (TypeError)',
      });
      expect(dev!.bigint.data).toBeUndefined();
    } finally {
      await backend.stop();
    }
  });

  it('never reads a signal for a caller who cannot read the entity, nor for another team\u2019s service', async () => {
    const slo = recordingSignal();
    const replicas = recordingSignal({ id: 'replicas', scope: 'service' });
    const backend = await start([signalsModule('test-signals', slo, replicas)]);
    const { server } = backend;
    try {
      const denied = await request(server)
        .get(path(hidden))
        .set('authorization', mockCredentials.user.header());
      expect(denied.status).toBe(404);
      const anonymous = await request(server)
        .get(path(owned))
        .set('authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);
      expect(slo.calls).toHaveLength(0);
      expect(replicas.calls).toHaveLength(0);

      const other = env(await report(server, intruder), 'dev').extraSignals!;
      expect(other.replicas).toMatchObject({
        status: 'not-allowed',
        message: expect.stringMatching(/namespace team-media in dev/),
      });
      expect(other['slo-budget'].status).toBe('ok');
      expect(replicas.calls).toHaveLength(0);

      const own = env(await report(server, owned), 'dev').extraSignals!;
      expect(own.replicas.status).toBe('ok');
      expect(replicas.calls[0].service).toEqual({
        name: 'semantic-search',
        namespace: 'team-search',
      });
    } finally {
      await backend.stop();
    }
  });

  it('refuses at startup a signal named like a built-in one, or like another added one', async () => {
    await expect(
      start([
        signalsModule('test-metrics', recordingSignal({ id: 'metrics' })),
      ]),
    ).rejects.toThrow(
      /Observability signal 'metrics': the id is a built-in signal of the report/,
    );
    await expect(
      start([
        signalsModule('test-slo', recordingSignal()),
        signalsModule('test-more-slo', recordingSignal()),
      ]),
    ).rejects.toThrow(
      /Observability signal 'slo-budget': another added signal has this id/,
    );
    await expect(
      start([signalsModule('test-bad', recordingSignal({ id: 'SLO budget' }))]),
    ).rejects.toThrow(/the id must be lowercase letters, digits and dashes/);
  });
});
