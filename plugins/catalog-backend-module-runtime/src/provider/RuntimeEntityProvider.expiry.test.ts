import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import {
  RUNTIME_ANNOTATIONS,
  RUNTIME_EXPIRES_AT_ANNOTATION,
  RUNTIME_EXPIRES_AT_METADATA_KEY,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  MODEL_KIND,
  RuntimeClients,
  SENSOR_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  EnvironmentSandbox,
  startEnvironmentSandbox,
} from '../__testUtils__/runtimeSandbox';
import { RuntimeEntityProvider } from './RuntimeEntityProvider';

const EXPIRES_AT = '2027-01-15T08:30:00Z';

describe('RuntimeEntityProvider: recorded expiry', () => {
  let dev: EnvironmentSandbox;
  let admin: RuntimeClients;

  beforeAll(async () => {
    dev = await startEnvironmentSandbox();
    admin = RuntimeClients.fromConfig(
      new ConfigReader({
        runtime: { environments: [dev.adminConfig('dev')] },
      }),
    );
  });
  afterAll(() => dev?.close());

  /** Every Resource entity one full refresh emits, by its upstream ref. */
  async function resourcesByUpstream(): Promise<Map<string, Entity>> {
    const clients = RuntimeClients.fromConfig(
      new ConfigReader({ runtime: { environments: [dev.config('dev')] } }),
    );
    const mutations: EntityProviderMutation[] = [];
    const provider = new RuntimeEntityProvider({
      clients,
      logger: mockServices.logger.mock(),
      platformOwner: 'group:default/platform-team',
      ownerFallback: 'group:default/platform-team',
      kinds: ['inference-endpoint', 'secret', 'bucket', 'workflow'],
    });
    await provider.connect({
      applyMutation: async m => {
        mutations.push(m);
      },
      refresh: async () => {},
    });
    try {
      await provider.refresh();
    } finally {
      await provider.stop();
    }
    const full = mutations.find(m => m.type === 'full') as Extract<
      EntityProviderMutation,
      { type: 'full' }
    >;
    return new Map(
      full.entities
        .map(({ entity }) => entity)
        .filter(entity => entity.kind === 'Resource')
        .map(entity => [
          entity.metadata.annotations![RUNTIME_ANNOTATIONS.upstreamRef],
          entity,
        ]),
    );
  }

  it('annotates each type with the expiry its upstream records, and no other resource', async () => {
    const k8s = admin.client('dev', 'kubernetes');
    const annotate = {
      metadata: {
        annotations: { [RUNTIME_EXPIRES_AT_ANNOTATION]: EXPIRES_AT },
      },
    };
    await k8s.mergePatch(
      MODEL_KIND,
      'team-search',
      'bge-small-embeddings',
      annotate,
    );
    await k8s.mergePatch(
      SENSOR_KIND,
      'team-media',
      'transcribe-on-upload',
      annotate,
    );

    const openbao = admin.client('dev', 'openbao');
    const secret = await openbao.readSecretMetadata(
      'support-assistant/crm-api',
    );
    await openbao.writeSecretMetadata('support-assistant/crm-api', {
      customMetadata: {
        ...secret!.customMetadata,
        [RUNTIME_EXPIRES_AT_METADATA_KEY]: EXPIRES_AT,
      },
    });

    const s3 = admin.client('dev', 'objectStorage');
    // The compact form a bucket tag may hold is read too.
    await s3.setTags('meeting-recordings', {
      ...(await s3.getTags('meeting-recordings')),
      [RUNTIME_EXPIRES_AT_METADATA_KEY]: '20270115T083000Z',
    });

    const temporal = admin.client('dev', 'temporal');
    await temporal.updateNamespace('support-assistant', {
      data: { [RUNTIME_EXPIRES_AT_METADATA_KEY]: EXPIRES_AT },
    });

    const resources = await resourcesByUpstream();
    const expiring = [
      'team-search/bge-small-embeddings',
      'team-media/transcribe-on-upload',
      'secret/support-assistant/crm-api',
      's3://meeting-recordings',
      'temporal:support-assistant',
    ];
    for (const upstreamRef of expiring) {
      expect([
        upstreamRef,
        resources.get(upstreamRef)?.metadata.annotations?.[
          RUNTIME_ANNOTATIONS.expiresAt
        ],
      ]).toEqual([upstreamRef, EXPIRES_AT]);
    }
    const others = [...resources.entries()].filter(
      ([ref]) => !expiring.includes(ref),
    );
    expect(others.length).toBeGreaterThan(0);
    for (const [, entity] of others) {
      expect(entity.metadata.annotations).not.toHaveProperty(
        RUNTIME_ANNOTATIONS.expiresAt,
      );
    }
  });

  it('leaves the annotation out for no expiry or an unreadable one', async () => {
    await admin.client('dev', 'temporal').updateNamespace('support-assistant', {
      data: { [RUNTIME_EXPIRES_AT_METADATA_KEY]: '' },
    });
    await admin
      .client('dev', 'kubernetes')
      .mergePatch(MODEL_KIND, 'team-search', 'bge-small-embeddings', {
        metadata: {
          annotations: { [RUNTIME_EXPIRES_AT_ANNOTATION]: 'next week' },
        },
      });
    const resources = await resourcesByUpstream();
    for (const ref of [
      'temporal:support-assistant',
      'team-search/bge-small-embeddings',
    ]) {
      expect(resources.get(ref)?.metadata.annotations).not.toHaveProperty(
        RUNTIME_ANNOTATIONS.expiresAt,
      );
    }
  });
});
