import {
  ArgoEventSource,
  ArgoSensor,
  EVENT_SOURCE_KIND,
  RuntimeClients,
  SENSOR_KIND,
  SERVICE_KIND,
  isRuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  ActionRunOptions,
  TEST_USERS,
  outputsOf,
  runActionOnce,
  sandboxAdminClients,
  sandboxClients,
  startTestSandbox,
} from '../__testUtils__/actionTestKit';
import { createDefaultEventBuses } from './__testUtils__/eventBus';
import { createRuntimeWorkflowAction } from './workflowCreate';
import { createRuntimeWorkflowUpdateAction } from './workflowUpdate';

const A = {
  environment: 'dev',
  owner: 'group:default/search-team',
  service: 'semantic-search',
};
const B = {
  environment: 'dev',
  owner: 'group:default/assistant-team',
  service: 'chat-assistant',
};
const httpTrigger = {
  type: 'http',
  url: 'http://semantic-search.team-search.svc:8080/reindex',
};
/** A's calendar workflow, as created. */
const nightly = {
  ...A,
  name: 'nightly-reindex',
  engine: 'argo-events',
  argoEvents: {
    namespace: 'team-search',
    source: { type: 'calendar', interval: '10m' },
    trigger: httpTrigger,
  },
};
const onUpload = {
  ...nightly,
  name: 'on-upload',
  argoEvents: {
    ...nightly.argoEvents,
    source: { type: 'webhook', endpoint: '/uploaded', port: 12001 },
  },
};
const bNightly = {
  ...B,
  name: 'chat-digest',
  engine: 'argo-events',
  argoEvents: {
    namespace: 'team-assistant',
    source: { type: 'calendar', interval: '1h' },
    trigger: {
      type: 'http',
      url: 'http://chat-assistant.team-assistant.svc:8080/digest',
    },
  },
};
const temporalA = {
  ...A,
  name: 'semantic-search',
  engine: 'temporal',
  temporal: { retentionDays: 7 },
};
const temporalB = { ...temporalA, ...B, name: 'chat-assistant' };

/** The update's target: A's calendar workflow. */
const target = {
  ...A,
  name: 'nightly-reindex',
  engine: 'argo-events',
  argoEvents: { namespace: 'team-search' },
};

describe('runtime:workflow:update', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
    await createDefaultEventBuses(clients, ['team-search', 'team-assistant']);
    for (const [input, user] of [
      [nightly, TEST_USERS.search],
      [onUpload, TEST_USERS.search],
      [temporalA, TEST_USERS.search],
      [bNightly, TEST_USERS.assistant],
      [temporalB, TEST_USERS.assistant],
    ] as const) {
      const made = await runActionOnce(
        createRuntimeWorkflowAction,
        clients,
        input,
        { user },
      );
      if (made.error) throw made.error;
    }
  });
  afterAll(() => sandbox.close());

  const kubernetes = () => clients.client('dev', 'kubernetes');
  const argoObjects = async (name: string, namespace = 'team-search') => ({
    source: await kubernetes().get<ArgoEventSource>(
      EVENT_SOURCE_KIND,
      namespace,
      name,
    ),
    sensor: await kubernetes().get<ArgoSensor>(SENSOR_KIND, namespace, name),
  });
  const run = (
    input: Record<string, unknown>,
    options: ActionRunOptions = {},
  ) =>
    runActionOnce(createRuntimeWorkflowUpdateAction, clients, input, options);

  describe('argo-events', () => {
    const newTarget = {
      type: 'http',
      url: 'http://semantic-search-indexer.team-search.svc:8080/reindex',
    };

    it('dry run has the API server accept the change, reports it and changes nothing', async () => {
      const before = await sandbox.snapshot();
      const { ctx, error } = await run(
        { ...target, schedule: '0 3 * * *', target: newTarget },
        { isDryRun: true },
      );
      expect(error).toBeUndefined();
      expect(outputsOf(ctx)).toEqual({
        engine: 'argo-events',
        name: 'nightly-reindex',
        entityRef: 'resource:default/dev-workflow-team-search-nightly-reindex',
        changes: [
          'schedule: 10m → 0 3 * * *',
          `target: http POST ${httpTrigger.url} → http POST ${newTarget.url}`,
        ],
      });
      expect(await sandbox.snapshot()).toEqual(before);
    });

    it('changes the schedule and the target, only those; a re-run writes nothing', async () => {
      const before = await argoObjects('nightly-reindex');
      const { ctx, error, auditEvent } = await run({
        ...target,
        schedule: '0 3 * * *',
        target: newTarget,
        suspended: false,
      });
      expect(error).toBeUndefined();
      expect(auditEvent.success).toHaveBeenCalled();
      expect(outputsOf(ctx).changes).toHaveLength(2);
      const { source, sensor } = await argoObjects('nightly-reindex');
      expect(source?.spec.calendar).toEqual({
        'nightly-reindex': { schedule: '0 3 * * *' },
      });
      expect(sensor?.spec.triggers[0].template).toMatchObject({
        name: 'nightly-reindex',
        http: { url: newTarget.url, method: 'POST' },
      });
      expect(sensor?.spec.dependencies).toEqual(
        before.sensor?.spec.dependencies,
      );
      for (const object of [source, sensor]) {
        expect(object?.metadata.labels).toMatchObject({
          'runtime-portal.io/owner': 'search-team',
          'runtime-portal.io/service': 'semantic-search',
        });
      }

      const settled = await sandbox.snapshot();
      const again = await run({
        ...target,
        schedule: '0 3 * * *',
        target: newTarget,
      });
      expect(again.error).toBeUndefined();
      expect(outputsOf(again.ctx).changes).toEqual([]);
      expect(await sandbox.snapshot()).toEqual(settled);
    });

    it('changes the trigger to a Kubernetes object bounded to the namespace, and back to an interval', async () => {
      const { ctx, error } = await run({
        ...target,
        schedule: '30m',
        target: {
          type: 'k8s',
          serviceAccountName: 'reindexer',
          resource: {
            apiVersion: 'batch/v1',
            kind: 'Job',
            metadata: { generateName: 'reindex-' },
            spec: {
              template: {
                spec: {
                  restartPolicy: 'Never',
                  containers: [{ name: 'reindex', image: 'busybox' }],
                },
              },
            },
          },
        },
      });
      expect(error).toBeUndefined();
      expect(outputsOf(ctx).changes).toEqual([
        'schedule: 0 3 * * * → 30m',
        expect.stringMatching(
          /^target: http POST .* → k8s create batch\/v1\/Job$/,
        ),
      ]);
      const { source, sensor } = await argoObjects('nightly-reindex');
      expect(source?.spec.calendar).toEqual({
        'nightly-reindex': { interval: '30m' },
      });
      expect(sensor?.spec.template).toEqual({
        serviceAccountName: 'reindexer',
      });
      expect(sensor?.spec.triggers[0].template).toMatchObject({
        k8s: {
          operation: 'create',
          source: {
            resource: {
              kind: 'Job',
              metadata: {
                namespace: 'team-search',
                labels: {
                  'runtime-portal.io/owner': 'search-team',
                  'runtime-portal.io/service': 'semantic-search',
                },
              },
            },
          },
        },
      });
    });

    it.each([
      [
        { schedule: 'sometimes' },
        'InputError',
        'Invalid input: schedule: must be a cron expression with 5 fields (e.g. "0 3 * * *") or a duration such as 30s, 10m or 1h',
      ],
      [
        {},
        'InputError',
        'Invalid input: input: name at least one of schedule, target, suspended to change',
      ],
      [
        { schedule: '1h', temporal: { retentionDays: 3 } },
        'InputError',
        'Invalid input: temporal: is only for engine temporal',
      ],
      [
        { name: 'on-upload', schedule: '1h' },
        'InputError',
        'Invalid input: schedule: Workflow team-search/on-upload in dev has a webhook source, not a calendar one',
      ],
      [
        { target: { type: 'http', url: 'http://10.0.0.1:8080/x' } },
        'NotAllowedError',
        '10.0.0.1',
      ],
      [
        { name: 'nothing-here', schedule: '1h' },
        'NotFoundError',
        'Workflow team-search/nothing-here in dev does not exist (no EventSource); create it with runtime:workflow:create',
      ],
    ])('refuses %j and changes nothing', async (change, name, says) => {
      const before = await sandbox.snapshot();
      const { error } = await run({ ...target, ...change });
      expect(error).toMatchObject({ name });
      expect(error?.message).toContain(says);
      expect(await sandbox.snapshot()).toEqual(before);
    });

    it("refuses a change of team B's workflow by a member of team A, whatever names they give, and changes nothing", async () => {
      const platform = sandboxAdminClients(sandbox).client('dev', 'kubernetes');
      // B's objects placed in A's namespace by someone else: A's names match, the claim does not.
      const b = await argoObjects('chat-digest', 'team-assistant');
      for (const object of [b.source!, b.sensor!]) {
        await platform.create({
          apiVersion: object.apiVersion,
          kind: object.kind,
          metadata: {
            name: 'b-in-a',
            namespace: 'team-search',
            labels: object.metadata.labels,
          },
          spec: object.spec,
        });
      }
      const before = await sandbox.snapshot();
      const attacks: Array<[Record<string, unknown>, string, string]> = [
        [
          {
            ...target,
            ...B,
            name: 'chat-digest',
            argoEvents: { namespace: 'team-assistant' },
            schedule: '1m',
          },
          'NotAllowedError',
          'group:default/assistant-team',
        ],
        [
          {
            ...target,
            name: 'chat-digest',
            argoEvents: { namespace: 'team-assistant' },
            schedule: '1m',
          },
          'NotAllowedError',
          'team-assistant',
        ],
        [
          { ...target, name: 'b-in-a', schedule: '1m' },
          'ConflictError',
          "belongs to owner 'assistant-team', service 'chat-assistant', not search-team/semantic-search",
        ],
        [
          {
            ...target,
            ...B,
            name: 'chat-digest',
            argoEvents: { namespace: 'team-assistant' },
            suspended: true,
          },
          'NotAllowedError',
          'group:default/assistant-team',
        ],
        [
          {
            ...target,
            name: 'chat-digest',
            argoEvents: { namespace: 'team-assistant' },
            suspended: true,
          },
          'NotAllowedError',
          'team-assistant',
        ],
        [
          { ...target, name: 'b-in-a', suspended: true },
          'ConflictError',
          "belongs to owner 'assistant-team', service 'chat-assistant', not search-team/semantic-search",
        ],
        [
          {
            ...temporalA,
            ...A,
            name: 'chat-assistant',
            temporal: { retentionDays: 1 },
          },
          'ConflictError',
          "Temporal namespace chat-assistant in dev already exists and belongs to owner 'assistant-team', service 'chat-assistant', not search-team/semantic-search",
        ],
      ];
      for (const [input, name, says] of attacks) {
        const { error } = await run(input, { user: TEST_USERS.search });
        expect(error).toMatchObject({ name });
        expect(error?.message).toContain(says);
      }
      expect(await sandbox.snapshot()).toEqual(before);
    });

    it('refuses a change made concurrently, instead of overwriting it', async () => {
      const platform = sandboxAdminClients(sandbox).client('dev', 'kubernetes');
      await sandbox.snapshot();
      const k8s = kubernetes();
      const mergePatch = k8s.mergePatch.bind(k8s);
      const spy = jest
        .spyOn(k8s, 'mergePatch')
        .mockImplementation(async (kind, namespace, name, patch, options) => {
          if (!options?.dryRun) {
            // After the dry run and before the write, someone else changes the EventSource.
            spy.mockImplementation(mergePatch);
            const live = (await platform.get<ArgoEventSource>(
              EVENT_SOURCE_KIND,
              'team-search',
              'nightly-reindex',
            ))!;
            await platform.replace({
              ...live,
              spec: {
                ...live.spec,
                calendar: { 'nightly-reindex': { interval: '5m' } },
              },
            });
          }
          return mergePatch(kind, namespace, name, patch, options);
        });
      try {
        const { error } = await run({ ...target, schedule: '45m' });
        expect(error).toMatchObject({ name: 'ConflictError' });
        expect(error?.message).toContain(
          'EventSource team-search/nightly-reindex in dev was changed by someone else while it was being updated; nothing was overwritten',
        );
      } finally {
        spy.mockRestore();
      }
      const { source } = await argoObjects('nightly-reindex');
      expect(source?.spec.calendar).toEqual({
        'nightly-reindex': { interval: '5m' },
      });
    });
  });

  describe('argo-events suspend and resume', () => {
    const hook = {
      ...onUpload,
      name: 'paused-hook',
      argoEvents: {
        ...onUpload.argoEvents,
        source: { type: 'webhook', endpoint: '/paused', port: 12002 },
      },
    };
    const clock = { ...nightly, name: 'paused-nightly' };
    const hookTarget = { ...target, name: 'paused-hook' };
    const clockTarget = { ...target, name: 'paused-nightly' };
    const RECORD = 'runtime-portal.io/suspended-event-source';
    const platform = () =>
      sandboxAdminClients(sandbox).client('dev', 'kubernetes');
    const webhookService = () =>
      platform().get(
        SERVICE_KIND,
        'team-search',
        'paused-hook-eventsource-svc',
      );
    const recordOf = (sensor?: ArgoSensor) =>
      JSON.parse(sensor?.metadata.annotations?.[RECORD] ?? 'null');
    /**
     * Sets the annotations of the workflow's EventSource as the platform, on its newest version: its
     * controller may write it between the read and the replace (a 409), then it is read again.
     */
    const annotateSource = async (
      name: string,
      annotations: Record<string, string>,
    ) => {
      for (let attempt = 1; ; attempt++) {
        const live = (await argoObjects(name)).source!;
        try {
          return await platform().replace({
            ...live,
            metadata: { ...live.metadata, annotations },
          });
        } catch (error) {
          if (!isRuntimeUpstreamError(error) || error.status !== 409) {
            throw error;
          }
          if (attempt === 5) throw error;
        }
      }
    };
    let original: ArgoEventSource;

    beforeAll(async () => {
      for (const input of [hook, clock]) {
        const made = await runActionOnce(
          createRuntimeWorkflowAction,
          clients,
          input,
        );
        if (made.error) throw made.error;
      }
      await sandbox.snapshot();
      original = (await argoObjects('paused-hook')).source!;
      if (!(await webhookService())) {
        throw new Error('the webhook EventSource has no Service');
      }
    });

    it('suspends: the EventSource and its Service go, the Sensor keeps its spec; a dry run and a re-run write nothing', async () => {
      const before = await sandbox.snapshot();
      const dry = await run(
        { ...hookTarget, suspended: true },
        { isDryRun: true },
      );
      expect(dry.error).toBeUndefined();
      expect(outputsOf(dry.ctx).changes).toEqual(['suspended: false → true']);
      expect(await sandbox.snapshot()).toEqual(before);

      const { ctx, error, auditEvent } = await run({
        ...hookTarget,
        suspended: true,
      });
      expect(error).toBeUndefined();
      expect(auditEvent.success).toHaveBeenCalled();
      expect(outputsOf(ctx)).toEqual({
        engine: 'argo-events',
        name: 'paused-hook',
        entityRef: 'resource:default/dev-workflow-team-search-paused-hook',
        changes: ['suspended: false → true'],
      });
      const settled = await sandbox.snapshot();
      const { source, sensor } = await argoObjects('paused-hook');
      expect(source).toBeUndefined();
      expect(await webhookService()).toBeUndefined();
      expect(recordOf(sensor)).toEqual({
        spec: original.spec,
        labels: original.metadata.labels,
        annotations: {},
      });

      const again = await run({ ...hookTarget, suspended: true });
      expect(again.error).toBeUndefined();
      expect(outputsOf(again.ctx).changes).toEqual([]);
      expect(await sandbox.snapshot()).toEqual(settled);
    });

    it('resumes: the EventSource is created again as it was, its Service with it; a dry run and a re-run write nothing', async () => {
      const before = await sandbox.snapshot();
      const dry = await run(
        { ...hookTarget, suspended: false },
        { isDryRun: true },
      );
      expect(dry.error).toBeUndefined();
      expect(outputsOf(dry.ctx).changes).toEqual(['suspended: true → false']);
      expect(await sandbox.snapshot()).toEqual(before);

      const { ctx, error } = await run({ ...hookTarget, suspended: false });
      expect(error).toBeUndefined();
      expect(outputsOf(ctx).changes).toEqual(['suspended: true → false']);
      const settled = await sandbox.snapshot();
      const { source, sensor } = await argoObjects('paused-hook');
      expect(source?.spec).toEqual(original.spec);
      expect(source?.metadata.labels).toEqual(original.metadata.labels);
      expect(source?.metadata.uid).not.toBe(original.metadata.uid);
      expect(sensor?.metadata.annotations?.[RECORD]).toBeUndefined();
      expect(await webhookService()).toBeDefined();

      const again = await run({ ...hookTarget, suspended: false });
      expect(again.error).toBeUndefined();
      expect(outputsOf(again.ctx).changes).toEqual([]);
      expect(await sandbox.snapshot()).toEqual(settled);
    });

    it('applies a schedule given with or after the suspension to the recorded spec, a target to the Sensor; resuming runs the new schedule', async () => {
      const suspended = await run({
        ...clockTarget,
        suspended: true,
        schedule: '0 4 * * *',
      });
      expect(suspended.error).toBeUndefined();
      expect(outputsOf(suspended.ctx).changes).toEqual([
        'suspended: false → true',
        'schedule: 10m → 0 4 * * *',
      ]);
      let { source, sensor } = await argoObjects('paused-nightly');
      expect(source).toBeUndefined();
      expect(recordOf(sensor).spec.calendar).toEqual({
        'paused-nightly': { schedule: '0 4 * * *' },
      });

      const newUrl = 'http://semantic-search.team-search.svc:8080/nightly';
      const changed = await run({
        ...clockTarget,
        schedule: '2h',
        target: { type: 'http', url: newUrl },
      });
      expect(changed.error).toBeUndefined();
      expect(outputsOf(changed.ctx).changes).toEqual([
        'schedule: 0 4 * * * → 2h',
        `target: http POST ${httpTrigger.url} → http POST ${newUrl}`,
      ]);
      ({ source, sensor } = await argoObjects('paused-nightly'));
      expect(source).toBeUndefined();
      expect(recordOf(sensor).spec.calendar).toEqual({
        'paused-nightly': { interval: '2h' },
      });
      expect(sensor?.spec.triggers[0].template).toMatchObject({
        http: { url: newUrl },
      });

      const resumed = await run({ ...clockTarget, suspended: false });
      expect(resumed.error).toBeUndefined();
      ({ source, sensor } = await argoObjects('paused-nightly'));
      expect(source?.spec.calendar).toEqual({
        'paused-nightly': { interval: '2h' },
      });
      expect(sensor?.metadata.annotations?.[RECORD]).toBeUndefined();
    });

    it("resumed, the EventSource takes the Sensor's expiry, extended while it was suspended", async () => {
      expect(
        (await run({ ...clockTarget, suspended: true })).error,
      ).toBeUndefined();
      const expiresAt = '2027-01-01T00:00:00Z';
      await platform().mergePatch(
        SENSOR_KIND,
        'team-search',
        'paused-nightly',
        {
          metadata: {
            annotations: { 'runtime-portal.io/expires-at': expiresAt },
          },
        },
      );
      expect(
        (await run({ ...clockTarget, suspended: false })).error,
      ).toBeUndefined();
      const { source } = await argoObjects('paused-nightly');
      expect(source?.metadata.annotations).toEqual({
        'runtime-portal.io/expires-at': expiresAt,
      });
    });

    it('a suspension cut short after recording the EventSource is completed by a re-run', async () => {
      const k8s = kubernetes();
      const remove = k8s.delete.bind(k8s);
      const spy = jest
        .spyOn(k8s, 'delete')
        .mockImplementation(async (kind, namespace, name, options) => {
          if (options?.dryRun) return remove(kind, namespace, name, options);
          throw new Error('the API server went away');
        });
      try {
        const { error } = await run({ ...hookTarget, suspended: true });
        expect(error?.message).toBe('the API server went away');
      } finally {
        spy.mockRestore();
      }
      const half = await argoObjects('paused-hook');
      expect(half.source).toBeDefined();
      expect(recordOf(half.sensor).spec).toEqual(half.source?.spec);

      const { ctx, error } = await run({ ...hookTarget, suspended: true });
      expect(error).toBeUndefined();
      expect(outputsOf(ctx).changes).toEqual(['suspended: false → true']);
      expect((await argoObjects('paused-hook')).source).toBeUndefined();
      const resumed = await run({ ...hookTarget, suspended: false });
      expect(resumed.error).toBeUndefined();
      expect((await argoObjects('paused-hook')).source?.spec).toEqual(
        original.spec,
      );
    });

    it("patches the Sensor again after a write that left its spec and annotations alone (the controller's status), never over a change of its spec", async () => {
      const k8s = kubernetes();
      const mergePatch = k8s.mergePatch.bind(k8s);
      /** Before the Sensor's real patch, someone else merge-patches it with `meanwhile`. */
      const interleave = (meanwhile: Record<string, unknown>) => {
        let done = false;
        return jest
          .spyOn(k8s, 'mergePatch')
          .mockImplementation(async (kind, namespace, name, patch, options) => {
            if (!done && kind === SENSOR_KIND && !options?.dryRun) {
              done = true;
              await platform().mergePatch(
                SENSOR_KIND,
                'team-search',
                'paused-nightly',
                meanwhile,
              );
            }
            return mergePatch(kind, namespace, name, patch, options);
          });
      };
      let spy = interleave({
        metadata: { labels: { 'example.com/seen': 'yes' } },
      });
      try {
        const { error } = await run({ ...clockTarget, suspended: true });
        expect(error).toBeUndefined();
      } finally {
        spy.mockRestore();
      }
      const { sensor } = await argoObjects('paused-nightly');
      expect(recordOf(sensor)).not.toBeNull();

      spy = interleave({ spec: { template: { serviceAccountName: 'other' } } });
      try {
        const { error } = await run({ ...clockTarget, suspended: false });
        expect(error).toMatchObject({ name: 'ConflictError' });
        expect(error?.message).toContain(
          'Sensor team-search/paused-nightly in dev was changed by someone else while it was being updated; nothing was overwritten',
        );
      } finally {
        spy.mockRestore();
      }
      const after = await argoObjects('paused-nightly');
      expect(recordOf(after.sensor)).toEqual(recordOf(sensor));
      expect(after.sensor?.spec.template).toEqual({
        serviceAccountName: 'other',
      });
      // The resume cut short after creating the EventSource is finished by a re-run.
      expect(after.source).toBeDefined();
      const again = await run({ ...clockTarget, suspended: false });
      expect(again.error).toBeUndefined();
      expect(
        (await argoObjects('paused-nightly')).sensor?.metadata.annotations?.[
          RECORD
        ],
      ).toBeUndefined();
    });

    it('refuses to suspend an EventSource too large to record, and changes nothing', async () => {
      await annotateSource('paused-hook', {
        'example.com/notes': 'x'.repeat(70 * 1024),
      });
      const before = await sandbox.snapshot();
      const { error } = await run({ ...hookTarget, suspended: true });
      expect(error).toMatchObject({ name: 'InputError' });
      expect(error?.message).toContain(
        'Invalid input: suspended: Workflow team-search/paused-hook in dev cannot be suspended: its EventSource takes',
      );
      expect(await sandbox.snapshot()).toEqual(before);
      await annotateSource('paused-hook', {});
    });

    it("never creates an EventSource from a record that names another team's claim", async () => {
      const { sensor } = await argoObjects('paused-nightly');
      const forged = {
        spec: { calendar: { forged: { interval: '1m' } } },
        labels: {
          'runtime-portal.io/owner': 'assistant-team',
          'runtime-portal.io/service': 'chat-assistant',
        },
        annotations: {},
      };
      await platform().create<ArgoSensor>({
        apiVersion: sensor!.apiVersion,
        kind: 'Sensor',
        metadata: {
          name: 'forged',
          namespace: 'team-search',
          labels: sensor!.metadata.labels,
          annotations: { [RECORD]: JSON.stringify(forged) },
        },
        spec: {
          ...sensor!.spec,
          dependencies: [
            { name: 'event', eventSourceName: 'forged', eventName: 'forged' },
          ],
        },
      });
      const before = await sandbox.snapshot();
      const { error } = await run({
        ...target,
        name: 'forged',
        suspended: false,
      });
      expect(error).toMatchObject({ name: 'ConflictError' });
      expect(error?.message).toBe(
        "The EventSource recorded on the Sensor of Workflow team-search/forged in dev already exists and belongs to owner 'assistant-team', service 'chat-assistant', not search-team/semantic-search",
      );
      expect(await sandbox.snapshot()).toEqual(before);
    });
  });

  describe('temporal', () => {
    const temporalTarget = {
      ...A,
      name: 'semantic-search',
      engine: 'temporal',
    };
    const temporal = () => clients.client('dev', 'temporal');

    it('dry run reports the change and changes nothing', async () => {
      const before = await sandbox.snapshot();
      const { ctx, error } = await run(
        {
          ...temporalTarget,
          temporal: {
            retentionDays: 30,
            description: 'Workflows of semantic-search',
          },
        },
        { isDryRun: true },
      );
      expect(error).toBeUndefined();
      expect(outputsOf(ctx)).toEqual({
        engine: 'temporal',
        name: 'semantic-search',
        entityRef: 'resource:default/dev-workflow-temporal-semantic-search',
        changes: [
          'retentionDays: 7 → 30',
          'description: "" → "Workflows of semantic-search"',
        ],
      });
      expect(await sandbox.snapshot()).toEqual(before);
    });

    it('changes the retention and description, keeps the claim; a re-run writes nothing', async () => {
      const input = {
        ...temporalTarget,
        temporal: {
          retentionDays: 30,
          description: 'Workflows of semantic-search',
        },
      };
      const { ctx, error } = await run(input);
      expect(error).toBeUndefined();
      expect(outputsOf(ctx).changes).toHaveLength(2);
      expect(
        await temporal().describeNamespace('semantic-search'),
      ).toMatchObject({
        retentionDays: 30,
        description: 'Workflows of semantic-search',
        data: { owner: 'search-team', service: 'semantic-search' },
      });
      const before = await sandbox.snapshot();
      const again = await run(input);
      expect(again.error).toBeUndefined();
      expect(outputsOf(again.ctx).changes).toEqual([]);
      expect(await sandbox.snapshot()).toEqual(before);
    });

    it.each([
      [
        { suspended: true },
        "Invalid input: suspended: a Temporal namespace cannot be paused: Temporal has no paused state, and a namespace's state only goes from Registered to Deprecated or Deleted, never back",
      ],
      [
        { temporal: { retentionDays: 0 } },
        'Invalid input: temporal.retentionDays: must be at least 1 day',
      ],
      [
        { temporal: { retentionDays: 3 }, schedule: '1h' },
        'Invalid input: schedule: is only for engine argo-events',
      ],
    ])(
      'refuses %j with an InputError and changes nothing',
      async (change, says) => {
        const before = await sandbox.snapshot();
        const { error } = await run({ ...temporalTarget, ...change });
        expect(error).toMatchObject({ name: 'InputError' });
        expect(error?.message).toContain(says);
        expect(await sandbox.snapshot()).toEqual(before);
      },
    );
  });
});
