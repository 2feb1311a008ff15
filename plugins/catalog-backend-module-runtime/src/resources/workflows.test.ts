import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  RUNTIME_RESOURCE_DETAIL_ANNOTATIONS as D,
  RUNTIME_SUSPENDED_EVENT_SOURCE_ANNOTATION,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  ArgoEventSource,
  EVENT_SOURCE_KIND,
  KubernetesClient,
  RuntimeClients,
  SENSOR_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  EnvironmentSandbox,
  startEnvironmentSandbox,
} from '../__testUtils__/runtimeSandbox';
import { RuntimeEntityProvider } from '../provider/RuntimeEntityProvider';

const ENTITY = 'dev-workflow-team-search-reindex-on-upload';

/** Lets the provider's Sensor watch take in what the sandbox has sent. */
const watchDelivery = () => new Promise(resolve => setTimeout(resolve, 50));

describe('workflows in the catalog', () => {
  let dev: EnvironmentSandbox;
  let provider: RuntimeEntityProvider;
  let admin: KubernetesClient;
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async m => {
      mutations.push(m);
    },
    refresh: async () => {},
  };

  /** The workflow's entity as the provider's last mutation that named it sent it. */
  const workflowEntity = async (): Promise<Entity | undefined> => {
    await watchDelivery();
    await provider.refresh();
    for (const m of [...mutations].reverse()) {
      const sent = (m.type === 'full' ? m.entities : m.added).find(
        ({ entity }) => entity.metadata.name === ENTITY,
      );
      if (sent) return sent.entity;
    }
    return undefined;
  };

  beforeAll(async () => {
    dev = await startEnvironmentSandbox();
    const clients = RuntimeClients.fromConfig(
      new ConfigReader({ runtime: { environments: [dev.config('dev')] } }),
    );
    admin = RuntimeClients.fromConfig(
      new ConfigReader({ runtime: { environments: [dev.adminConfig('dev')] } }),
    ).client('dev', 'kubernetes');
    provider = new RuntimeEntityProvider({
      clients,
      logger: mockServices.logger.mock(),
      platformOwner: 'group:default/platform-team',
      ownerFallback: 'group:default/platform-team',
      kinds: ['workflow'],
    });
    await provider.connect(connection);
  });
  afterAll(async () => {
    await provider?.stop();
    await dev?.close();
  });

  it('keeps a suspended Argo Events workflow (its EventSource removed, recorded on the Sensor) and marks it suspended; resumed, the mark goes', async () => {
    const running = await workflowEntity();
    expect(running?.metadata.annotations).toMatchObject({
      [D.workflowEngine]: 'argo-events',
    });
    expect(running?.metadata.annotations).not.toHaveProperty(
      D.workflowSuspended,
    );

    // Suspended as runtime:workflow:update does it: the EventSource recorded on the Sensor, then removed.
    const eventSource = (await admin.get<ArgoEventSource>(
      EVENT_SOURCE_KIND,
      'team-search',
      'reindex-on-upload',
    ))!;
    const record = (value: string | null) => ({
      metadata: {
        annotations: { [RUNTIME_SUSPENDED_EVENT_SOURCE_ANNOTATION]: value },
      },
    });
    await admin.mergePatch(
      SENSOR_KIND,
      'team-search',
      'reindex-on-upload',
      record(
        JSON.stringify({
          spec: eventSource.spec,
          labels: eventSource.metadata.labels,
          annotations: {},
        }),
      ),
    );
    await admin.delete(EVENT_SOURCE_KIND, 'team-search', 'reindex-on-upload');
    const suspended = await workflowEntity();
    expect(suspended?.metadata.annotations).toMatchObject({
      [D.workflowEngine]: 'argo-events',
      [D.workflowSuspended]: 'true',
    });
    expect(suspended?.spec).toEqual(running?.spec);

    await admin.create({
      ...eventSource,
      metadata: {
        name: eventSource.metadata.name,
        namespace: eventSource.metadata.namespace,
        labels: eventSource.metadata.labels,
      },
      status: undefined,
    });
    await admin.mergePatch(
      SENSOR_KIND,
      'team-search',
      'reindex-on-upload',
      record(null),
    );
    expect(await workflowEntity()).toEqual(running);
  });
});
