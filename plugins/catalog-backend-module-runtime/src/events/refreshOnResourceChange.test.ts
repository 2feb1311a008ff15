import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  RUNTIME_RESOURCES_CHANGED_TOPIC,
  RuntimeClients,
  runtimeClientsServiceRef,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { catalogModuleRuntime } from '../module';
import { RUNTIME_REFRESH_TASK_ID } from '../provider/RuntimeEntityProvider';

describe('catalogModuleRuntime: refresh on announced resource changes', () => {
  async function start(catalogConfig: object = {}) {
    const events = mockServices.events();
    const scheduler = mockServices.scheduler.mock();
    const providers: unknown[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider: (...added: unknown[]) =>
              providers.push(...added.flat()),
            addProcessor: jest.fn(),
            addPlaceholderResolver: jest.fn(),
            setOnProcessingErrorHandler: jest.fn(),
          },
        ],
      ],
      features: [
        catalogModuleRuntime,
        scheduler.factory,
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
        mockServices.rootConfig.factory({
          data: { catalog: { providers: { runtime: catalogConfig } } },
        }),
        createServiceFactory({
          service: runtimeClientsServiceRef,
          deps: {},
          factory: () =>
            RuntimeClients.fromConfig(
              new ConfigReader({ runtime: { environments: [] } }),
            ),
        }),
      ],
    });
    expect(providers).toHaveLength(1);
    return { events, scheduler };
  }

  it('triggers the provider refresh task as soon as a change is announced', async () => {
    const { events, scheduler } = await start();
    expect(scheduler.triggerTask).not.toHaveBeenCalled();

    await events.publish({
      topic: RUNTIME_RESOURCES_CHANGED_TOPIC,
      eventPayload: { environment: 'dev', source: 'objectStorage' },
    });

    expect(scheduler.triggerTask).toHaveBeenCalledWith(RUNTIME_REFRESH_TASK_ID);
  });

  it('ignores other topics and environments the module does not ingest', async () => {
    const { events, scheduler } = await start({ environments: ['prod'] });

    await events.publish({
      topic: 'something.else',
      eventPayload: { environment: 'prod', source: 'kubernetes' },
    });
    await events.publish({
      topic: RUNTIME_RESOURCES_CHANGED_TOPIC,
      eventPayload: { environment: 'dev', source: 'kubernetes' },
    });
    expect(scheduler.triggerTask).not.toHaveBeenCalled();

    await events.publish({
      topic: RUNTIME_RESOURCES_CHANGED_TOPIC,
      eventPayload: { environment: 'prod', source: 'kubernetes' },
    });
    expect(scheduler.triggerTask).toHaveBeenCalledTimes(1);
  });

  it('does not fail the publisher when the refresh cannot be triggered (already running)', async () => {
    const { events, scheduler } = await start();
    scheduler.triggerTask.mockRejectedValueOnce(
      new Error('task is currently running'),
    );

    await expect(
      events.publish({
        topic: RUNTIME_RESOURCES_CHANGED_TOPIC,
        eventPayload: { environment: 'dev', source: 'openbao' },
      }),
    ).resolves.toBeUndefined();
  });
});
