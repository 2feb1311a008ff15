import {
  ArgoSensor,
  EVENT_BUS_KIND,
  EVENT_SOURCE_KIND,
  RuntimeClients,
  SENSOR_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  TEST_USERS,
  outputsOf,
  runActionOnce,
  sandboxAdminClients,
  sandboxClients,
  startTestSandbox,
} from '../__testUtils__/actionTestKit';
import { dependentOn, retirer } from '../__testUtils__/retirementTestKit';
import { claimLabels } from '../claimedObject';
import { createDefaultEventBuses } from './__testUtils__/eventBus';
import { createRuntimeWorkflowAction } from './workflowCreate';
import { createRuntimeWorkflowDeleteAction } from './workflowDelete';
import { createRuntimeWorkflowUpdateAction } from './workflowUpdate';
import { WorkflowEventBusPolicy } from './workflowEventBusPolicy';

const owner = {
  environment: 'dev',
  owner: 'group:default/search-team',
  service: 'semantic-search',
};

/** A webhook workflow of search-team in team-search. */
const createInput = (name: string) => ({
  ...owner,
  name,
  engine: 'argo-events',
  argoEvents: {
    namespace: 'team-search',
    source: { type: 'webhook' },
    trigger: {
      type: 'http',
      url: 'http://semantic-search.team-search.svc:8080/run',
    },
  },
});

const retireInput = (name: string) => ({
  ...owner,
  name,
  engine: 'argo-events',
  argoEvents: { namespace: 'team-search' },
});

const objectsOf = (name: string) => [
  `Argo Events Sensor team-search/${name}`,
  `Argo Events EventSource team-search/${name}`,
];
const BUS = 'Argo Events EventBus team-search/default';

const CREATE_BUS: WorkflowEventBusPolicy = {
  createDefault: true,
  jetStreamVersion: '2.10.29',
};

/** A service of the catalog that depends on `entityRef`. */
const dependent = (entityRef: string) => dependentOn(entityRef, 'search-api');

describe('runtime:workflow:delete', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;
  const kubernetes = () => clients.client('dev', 'kubernetes');

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
  });
  afterAll(() => sandbox.close());

  /** team-search without an EventBus, whatever the seed or an earlier test left. */
  const withoutEventBus = () =>
    sandboxAdminClients(sandbox)
      .client('dev', 'kubernetes')
      .delete(EVENT_BUS_KIND, 'team-search', 'default', {
        ignoreNotFound: true,
      });

  const create = async (
    input: Record<string, unknown>,
    eventBus?: WorkflowEventBusPolicy,
  ) => {
    const { error, ctx } = await runActionOnce(
      deps => createRuntimeWorkflowAction({ ...deps, eventBus }),
      clients,
      input,
    );
    expect(error).toBeUndefined();
    return outputsOf(ctx).entityRef as string;
  };

  const retire = retirer(createRuntimeWorkflowDeleteAction, () => clients);

  describe('argo-events', () => {
    it('removes the EventSource, the Sensor and the EventBus the create made: every upstream is as before; a second run removes nothing', async () => {
      await withoutEventBus();
      const before = await sandbox.snapshot();
      const entityRef = await create(createInput('full-circle'), CREATE_BUS);
      expect(
        await kubernetes().get(EVENT_BUS_KIND, 'team-search', 'default'),
      ).toBeDefined();

      const { ctx, error, auditEvent } = await retire(
        retireInput('full-circle'),
      );
      expect(error).toBeUndefined();
      expect(outputsOf(ctx)).toEqual({
        entityRef,
        removed: [...objectsOf('full-circle'), BUS],
        dependents: [],
      });
      expect(auditEvent.success).toHaveBeenCalled();
      expect(await sandbox.snapshot()).toEqual(before);

      const again = await retire(retireInput('full-circle'));
      expect(again.error).toBeUndefined();
      expect(outputsOf(again.ctx)).toEqual({
        entityRef,
        removed: [],
        dependents: [],
      });
      expect(await sandbox.snapshot()).toEqual(before);
    });

    it('retires a suspended workflow completely: its Sensor with the recorded EventSource, and the EventBus', async () => {
      await withoutEventBus();
      const before = await sandbox.snapshot();
      const entityRef = await create(createInput('suspended'), CREATE_BUS);
      const suspended = await runActionOnce(
        createRuntimeWorkflowUpdateAction,
        clients,
        { ...retireInput('suspended'), suspended: true },
      );
      expect(suspended.error).toBeUndefined();
      expect(
        await kubernetes().get(EVENT_SOURCE_KIND, 'team-search', 'suspended'),
      ).toBeUndefined();

      const dry = await retire(retireInput('suspended'), { isDryRun: true });
      expect(outputsOf(dry.ctx).removed).toEqual([
        'Argo Events Sensor team-search/suspended',
        BUS,
      ]);
      const { ctx, error } = await retire(retireInput('suspended'));
      expect(error).toBeUndefined();
      expect(outputsOf(ctx)).toEqual({
        entityRef,
        removed: ['Argo Events Sensor team-search/suspended', BUS],
        dependents: [],
      });
      expect(await sandbox.snapshot()).toEqual(before);
      const again = await retire(retireInput('suspended'));
      expect(outputsOf(again.ctx).removed).toEqual([]);
    });

    it('keeps the EventBus while another workflow uses it, and removes it with the last one', async () => {
      await withoutEventBus();
      const before = await sandbox.snapshot();
      await create(createInput('first'), CREATE_BUS);
      await create(createInput('second'), CREATE_BUS);

      const first = await retire(retireInput('first'));
      expect(first.error).toBeUndefined();
      expect(outputsOf(first.ctx).removed).toEqual(objectsOf('first'));
      expect(first.ctx.logger.info).toHaveBeenCalledWith(
        'Keeping the EventBus: EventBus team-search/default is still used by EventSource second, Sensor second',
      );
      expect(
        await kubernetes().get(EVENT_BUS_KIND, 'team-search', 'default'),
      ).toBeDefined();

      const second = await retire(retireInput('second'));
      expect(outputsOf(second.ctx).removed).toEqual([
        ...objectsOf('second'),
        BUS,
      ]);
      expect(await sandbox.snapshot()).toEqual(before);
    });

    it("never removes the platform's EventBus", async () => {
      await withoutEventBus();
      await createDefaultEventBuses(sandboxAdminClients(sandbox), [
        'team-search',
      ]);
      const before = await sandbox.snapshot();
      await create(createInput('on-platform-bus'));
      const { ctx, error } = await retire(retireInput('on-platform-bus'));
      expect(error).toBeUndefined();
      expect(outputsOf(ctx).removed).toEqual(objectsOf('on-platform-bus'));
      expect(await sandbox.snapshot()).toEqual(before);
    });

    it('dry run lists exactly what would go and changes nothing', async () => {
      await withoutEventBus();
      const entityRef = await create(createInput('dry'), CREATE_BUS);
      const before = await sandbox.snapshot();
      const { ctx, error } = await retire(retireInput('dry'), {
        isDryRun: true,
      });
      expect(error).toBeUndefined();
      expect(outputsOf(ctx)).toEqual({
        entityRef,
        removed: [...objectsOf('dry'), BUS],
        dependents: [],
      });
      expect(await sandbox.snapshot()).toEqual(before);
      expect(outputsOf((await retire(retireInput('dry'))).ctx).removed).toEqual(
        [...objectsOf('dry'), BUS],
      );
    });

    it('refuses while a catalog entity depends on the workflow, unless force', async () => {
      await withoutEventBus();
      const entityRef = await create(createInput('depended-on'), CREATE_BUS);
      const before = await sandbox.snapshot();
      const refused = await retire(retireInput('depended-on'), {
        entities: [dependent(entityRef)],
      });
      expect(refused.error?.name).toBe('ConflictError');
      expect(refused.error?.message).toBe(
        'Workflow team-search/depended-on is still depended on by component:default/search-api; retire those first, or run again with force',
      );
      expect(await sandbox.snapshot()).toEqual(before);

      const forced = await retire(
        { ...retireInput('depended-on'), force: true },
        { entities: [dependent(entityRef)] },
      );
      expect(forced.error).toBeUndefined();
      expect(outputsOf(forced.ctx)).toEqual({
        entityRef,
        removed: [...objectsOf('depended-on'), BUS],
        dependents: ['component:default/search-api'],
      });
    });

    describe("another team cannot retire search-team's workflow", () => {
      beforeAll(async () => {
        await withoutEventBus();
        await create(createInput('guarded'), CREATE_BUS);
      });

      it.each([
        ['naming search-team as owner', retireInput('guarded')],
        [
          'as its own owner and service, in search-team’s namespace',
          {
            ...retireInput('guarded'),
            owner: 'group:default/assistant-team',
            service: 'chat-assistant',
          },
        ],
      ])('%s: refused before any upstream write', async (_, input) => {
        const before = await sandbox.snapshot();
        const { error } = await retire(input, { user: TEST_USERS.assistant });
        expect(error?.name).toBe('NotAllowedError');
        expect(await sandbox.snapshot()).toEqual(before);
      });

      it('refuses objects whose labels name another service, or a Sensor of another team beside its own EventSource, removing nothing', async () => {
        const platform = sandboxAdminClients(sandbox).client(
          'dev',
          'kubernetes',
        );
        const sensor = await platform.get<ArgoSensor>(
          SENSOR_KIND,
          'team-search',
          'guarded',
        );
        await platform.create<ArgoSensor>({
          apiVersion: sensor!.apiVersion,
          kind: 'Sensor',
          metadata: {
            name: 'mixed',
            namespace: 'team-search',
            labels: claimLabels({
              owner: 'assistant-team',
              service: 'chat-assistant',
            }),
          },
          spec: sensor!.spec,
        });
        const source = await platform.get(
          EVENT_SOURCE_KIND,
          'team-search',
          'guarded',
        );
        await platform.create({
          apiVersion: source!.apiVersion,
          kind: 'EventSource',
          metadata: {
            name: 'mixed',
            namespace: 'team-search',
            labels: claimLabels({
              owner: 'search-team',
              service: 'semantic-search',
            }),
          },
          spec: source!.spec,
        });
        const before = await sandbox.snapshot();
        const otherService = await retire({
          ...retireInput('guarded'),
          service: 'another-service',
        });
        expect(otherService.error?.name).toBe('ConflictError');
        const mixed = await retire(retireInput('mixed'));
        expect(mixed.error?.name).toBe('ConflictError');
        expect(mixed.error?.message).toBe(
          "Sensor team-search/mixed in dev already exists and belongs to owner 'assistant-team', service 'chat-assistant', not search-team/semantic-search",
        );
        expect(await sandbox.snapshot()).toEqual(before);
      });
    });
  });

  describe('temporal', () => {
    const temporalCreate = (name: string) => ({
      ...owner,
      name,
      engine: 'temporal',
      temporal: { retentionDays: 3 },
    });
    const temporalRetire = (name: string) => ({
      ...owner,
      name,
      engine: 'temporal',
    });

    it('marks the namespace deleted, changes nothing else, and a second run removes nothing', async () => {
      const before = await sandbox.snapshot();
      const entityRef = await create(temporalCreate('nightly-reindex'));
      const created = await sandbox.snapshot();

      const dry = await retire(temporalRetire('nightly-reindex'), {
        isDryRun: true,
      });
      expect(outputsOf(dry.ctx).removed).toEqual([
        'Temporal namespace nightly-reindex',
      ]);
      expect(await sandbox.snapshot()).toEqual(created);

      const { ctx, error } = await retire(temporalRetire('nightly-reindex'));
      expect(error).toBeUndefined();
      expect(outputsOf(ctx)).toEqual({
        entityRef,
        removed: ['Temporal namespace nightly-reindex'],
        dependents: [],
      });
      // Temporal's HTTP API cannot remove a namespace, only mark it deleted: its record stays.
      const after = await sandbox.snapshot();
      expect(after.temporal.namespaces['nightly-reindex']).toEqual({
        ...created.temporal.namespaces['nightly-reindex'],
        state: 'NAMESPACE_STATE_DELETED',
      });
      const { ['nightly-reindex']: _, ...others } = after.temporal.namespaces;
      expect({ ...after, temporal: { namespaces: others } }).toEqual(before);
      const listed = await clients.client('dev', 'temporal').listNamespaces();
      expect(listed.map(namespace => namespace.name)).not.toContain(
        'nightly-reindex',
      );

      const again = await retire(temporalRetire('nightly-reindex'));
      expect(again.error).toBeUndefined();
      expect(outputsOf(again.ctx).removed).toEqual([]);
      expect(await sandbox.snapshot()).toEqual(after);
    });

    it("refuses another team's namespace, naming both claims, and changes nothing", async () => {
      await create(temporalCreate('search-jobs'));
      const before = await sandbox.snapshot();
      const { error } = await retire(
        {
          ...temporalRetire('search-jobs'),
          owner: 'group:default/assistant-team',
          service: 'chat-assistant',
        },
        { user: TEST_USERS.assistant },
      );
      expect(error?.name).toBe('ConflictError');
      expect(error?.message).toBe(
        "Temporal namespace search-jobs in dev already exists and belongs to owner 'search-team', service 'semantic-search', not assistant-team/chat-assistant",
      );
      expect(await sandbox.snapshot()).toEqual(before);
    });
  });
});
