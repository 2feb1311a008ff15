import { ConfigReader } from '@backstage/config';
import {
  ArgoEventSource,
  ArgoSensor,
  EVENT_SOURCE_KIND,
  RuntimeClients,
  SENSOR_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  TEST_USERS,
  runActionOnce,
  sandboxClients,
  startTestSandbox,
  testContext,
  testDeps,
} from '../__testUtils__/actionTestKit';
import { settledObject } from '../claimedObject/__testUtils__/settledObject';
import { createDefaultEventBuses } from './__testUtils__/eventBus';
import { createRuntimeWorkflowAction } from './workflowCreate';
import { readWorkflowTriggerPolicy } from './workflowTriggerPolicy';

/** Team B: assistant-team's workflow, made by one of its members. */
const teamB = {
  environment: 'dev',
  owner: 'group:default/assistant-team',
  service: 'chat-assistant',
};
const bWorkflow = {
  ...teamB,
  name: 'b-nightly',
  engine: 'argo-events',
  argoEvents: {
    namespace: 'team-assistant',
    source: { type: 'calendar', schedule: '0 3 * * *' },
    trigger: {
      type: 'http',
      url: 'http://chat-assistant.team-assistant.svc:8080/run',
    },
  },
};

/** Team A: search-team, whose member attacks. */
const teamA = {
  environment: 'dev',
  owner: 'group:default/search-team',
  service: 'semantic-search',
};
const job = (spec: Record<string, unknown> = {}, metadata = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { generateName: 'a-job-', ...metadata },
  spec: {
    template: {
      spec: {
        restartPolicy: 'Never',
        containers: [{ name: 'run', image: 'busybox' }],
        ...spec,
      },
    },
  },
});
const aWorkflow = (
  trigger: Record<string, unknown>,
  namespace = 'team-search',
) => ({
  ...teamA,
  name: 'a-flow',
  engine: 'argo-events',
  argoEvents: {
    namespace,
    source: { type: 'calendar', interval: '10m' },
    trigger,
  },
});

describe('runtime:workflow:create across teams', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;
  const kubernetes = () => clients.client('dev', 'kubernetes');
  const objectsOf = async (namespace: string, name: string) => ({
    source: await settledObject<ArgoEventSource>(
      kubernetes(),
      EVENT_SOURCE_KIND,
      namespace,
      name,
    ),
    sensor: await settledObject<ArgoSensor>(
      kubernetes(),
      SENSOR_KIND,
      namespace,
      name,
    ),
  });
  let before: Awaited<ReturnType<typeof objectsOf>>;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
    await createDefaultEventBuses(clients, ['team-search', 'team-assistant']);
    const { error } = await runActionOnce(
      createRuntimeWorkflowAction,
      clients,
      bWorkflow,
      { user: TEST_USERS.assistant },
    );
    // B's objects must exist for the attacks to mean anything.
    if (error) throw error;
    before = await objectsOf('team-assistant', 'b-nightly');
  });
  afterAll(() => sandbox.close());

  /** B's EventSource and Sensor, field by field, as they were. */
  async function expectTeamBUntouched() {
    const after = await objectsOf('team-assistant', 'b-nightly');
    for (const key of ['source', 'sensor'] as const) {
      expect(after[key]?.spec).toEqual(before[key]?.spec);
      expect(after[key]?.metadata.labels).toEqual(before[key]?.metadata.labels);
      expect(after[key]?.metadata.resourceVersion).toBe(
        before[key]!.metadata.resourceVersion,
      );
      expect(after[key]?.metadata.managedFields).toEqual(
        before[key]?.metadata.managedFields,
      );
    }
    expect(before.sensor?.metadata.labels).toMatchObject({
      'runtime-portal.io/owner': 'assistant-team',
      'runtime-portal.io/service': 'chat-assistant',
    });
  }

  const asTeamA = (input: Record<string, unknown>) =>
    runActionOnce(createRuntimeWorkflowAction, clients, input, {
      user: TEST_USERS.search,
    });

  it.each([
    [
      "overwrites B's workflow in B's namespace",
      { ...bWorkflow, ...teamA },
      'NotAllowedError',
      'Not allowed: namespace team-assistant in dev belongs to group:default/assistant-team, not group:default/search-team',
    ],
    [
      "overwrites B's workflow claiming to act for B",
      {
        ...bWorkflow,
        argoEvents: {
          ...bWorkflow.argoEvents,
          trigger: { type: 'http', url: 'https://attacker.example.net/' },
        },
      },
      'NotAllowedError',
      'Not allowed: user:default/mock is not a member of group:default/assistant-team and may not act for it',
    ],
    [
      'puts its Sensor in kube-system',
      aWorkflow({ type: 'k8s', resource: job() }, 'kube-system'),
      'NotAllowedError',
      'Not allowed: namespace kube-system in dev belongs to no team, not group:default/search-team',
    ],
    [
      'has its k8s trigger create a Job in kube-system',
      aWorkflow({
        type: 'k8s',
        resource: job({}, { namespace: 'kube-system' }),
      }),
      'NotAllowedError',
      "Not allowed: argoEvents.trigger.resource.metadata.namespace: kube-system is not the workflow's namespace team-search; a trigger creates objects only in its own namespace",
    ],
    [
      "has its k8s trigger create a Job in B's namespace",
      aWorkflow({
        type: 'k8s',
        resource: job({}, { namespace: 'team-assistant' }),
      }),
      'NotAllowedError',
      "Not allowed: argoEvents.trigger.resource.metadata.namespace: team-assistant is not the workflow's namespace team-search",
    ],
    [
      'has its k8s trigger create a ClusterRole',
      aWorkflow({
        type: 'k8s',
        resource: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          metadata: { name: 'escalate' },
          rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
        },
      }),
      'NotAllowedError',
      'Not allowed: argoEvents.trigger.resource: rbac.authorization.k8s.io/v1 ClusterRole is not a kind a Kubernetes trigger may create; allowed (runtime.workflows.kubernetesTriggerKinds): batch/v1/Job, argoproj.io/v1alpha1/Workflow',
    ],
    [
      "runs its Sensor as B's service account",
      aWorkflow({
        type: 'k8s',
        resource: job(),
        serviceAccountName: 'system:serviceaccount:team-assistant:default',
      }),
      'NotAllowedError',
      'Not allowed: argoEvents.trigger.serviceAccountName: "system:serviceaccount:team-assistant:default" is not an account name of namespace team-search',
    ],
    [
      "runs its Job as B's service account",
      aWorkflow({
        type: 'k8s',
        resource: job({ serviceAccountName: 'team-assistant/deployer' }),
      }),
      'NotAllowedError',
      'Not allowed: argoEvents.trigger.resource.spec.template.spec.serviceAccountName: "team-assistant/deployer" is not an account name of namespace team-search',
    ],
    [
      "calls B's service",
      aWorkflow({
        type: 'http',
        url: 'http://chat-assistant.team-assistant.svc.cluster.local:8080/run',
      }),
      'NotAllowedError',
      'Not allowed: argoEvents.trigger.url: host chat-assistant.team-assistant.svc.cluster.local is a Service of namespace team-assistant, which belongs to group:default/assistant-team, not group:default/search-team',
    ],
    [
      'calls a URL outside the cluster',
      aWorkflow({ type: 'http', url: 'https://attacker.example.net/collect' }),
      'NotAllowedError',
      'Not allowed: argoEvents.trigger.url: host attacker.example.net is neither a Service of a namespace of group:default/search-team (<service>.<namespace>.svc) nor under runtime.workflows.httpTriggerAllowList',
    ],
    [
      'calls a look-alike of its own service',
      aWorkflow({
        type: 'http',
        url: 'http://semantic-search.team-search.svc.attacker.example.net/',
      }),
      'NotAllowedError',
      'host semantic-search.team-search.svc.attacker.example.net is neither a Service',
    ],
    [
      'calls the metadata service by IP (written in hex)',
      aWorkflow({ type: 'http', url: 'http://0xA9FEA9FE/latest/meta-data' }),
      'NotAllowedError',
      'Not allowed: argoEvents.trigger.url: host 169.254.169.254 is an IP address',
    ],
    [
      'calls the node it runs on over IPv6',
      aWorkflow({ type: 'http', url: 'http://[::ffff:127.0.0.1]:10250/pods' }),
      'NotAllowedError',
      'Not allowed: argoEvents.trigger.url: host [::ffff:7f00:1] is an IP address',
    ],
    [
      'hides credentials in the URL',
      aWorkflow({
        type: 'http',
        url: 'http://admin:hunter2@semantic-search.team-search.svc/x',
      }),
      'InputError',
      'Invalid input: argoEvents.trigger.url: must not carry credentials (user:password@)',
    ],
  ])(
    'refuses a team A user who %s, and leaves B as it was',
    async (_, input, name, message) => {
      const { error, said } = await asTeamA(input);
      expect(error?.name).toBe(name);
      expect(error?.message).toContain(message);
      expect(said).not.toContain('hunter2');
      expect(error?.message).not.toContain('hunter2');
      await expectTeamBUntouched();
      expect(
        await kubernetes().get(SENSOR_KIND, 'team-search', 'a-flow'),
      ).toBeUndefined();
    },
  );

  it("refuses B's own member another service's claim on B's workflow (409 naming both)", async () => {
    const { error } = await runActionOnce(
      createRuntimeWorkflowAction,
      clients,
      { ...bWorkflow, service: 'other-service' },
      { user: TEST_USERS.assistant },
    );
    expect(error?.name).toBe('ConflictError');
    expect(error?.message).toBe(
      "EventSource team-assistant/b-nightly in dev already exists and belongs to owner 'assistant-team', service 'chat-assistant', not assistant-team/other-service",
    );
    await expectTeamBUntouched();
  });

  it('lets a team A user trigger a Job in its own namespace, as its own account, labelled as its own', async () => {
    const { error } = await asTeamA(
      aWorkflow({
        type: 'k8s',
        resource: job(
          { serviceAccountName: 'reindexer' },
          {
            namespace: 'team-search',
            labels: { 'runtime-portal.io/owner': 'assistant-team' },
          },
        ),
        serviceAccountName: 'workflow-runner',
      }),
    );
    expect(error).toBeUndefined();
    const sensor = await kubernetes().get(SENSOR_KIND, 'team-search', 'a-flow');
    expect(sensor?.spec.template).toEqual({
      serviceAccountName: 'workflow-runner',
    });
    expect(sensor?.spec.triggers[0].template).toMatchObject({
      k8s: {
        operation: 'create',
        source: {
          resource: {
            apiVersion: 'batch/v1',
            kind: 'Job',
            metadata: {
              generateName: 'a-job-',
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
    await expectTeamBUntouched();
  });

  describe('with runtime.workflows.httpTriggerAllowList', () => {
    const runWithAllowList = async (url: string) => {
      const { deps } = testDeps(clients);
      const action = createRuntimeWorkflowAction({
        ...deps,
        workflows: readWorkflowTriggerPolicy(
          new ConfigReader({
            runtime: {
              workflows: {
                httpTriggerAllowList: ['https://hooks.example.com/ci'],
              },
            },
          }),
        ),
      });
      const ctx = testContext({
        input: { ...aWorkflow({ type: 'http', url }), name: 'a-hook' },
      });
      try {
        await action.handler(ctx);
        return undefined;
      } catch (error) {
        return error as Error;
      }
    };

    it('calls a URL under an allowed prefix, as WHATWG URL writes it', async () => {
      expect(
        await runWithAllowList('https://HOOKS.example.com:443/ci/build?x=1'),
      ).toBeUndefined();
      const sensor = await kubernetes().get(
        SENSOR_KIND,
        'team-search',
        'a-hook',
      );
      expect(sensor?.spec.triggers[0].template).toMatchObject({
        http: { url: 'https://hooks.example.com/ci/build?x=1' },
      });
    });

    it.each([
      ['https://hooks.example.com/ci-admin', 'hooks.example.com'],
      ['https://hooks.example.com/ci/../admin', 'hooks.example.com'],
      ['http://hooks.example.com/ci/build', 'hooks.example.com'],
      [
        'https://hooks.example.com.attacker.net/ci/',
        'hooks.example.com.attacker.net',
      ],
    ])('refuses %s, beside the prefix', async (url, host) => {
      const error = await runWithAllowList(url);
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toContain(`host ${host} is neither`);
    });
  });

  it('lets a platform admin change B’s workflow for B; B’s claim stays', async () => {
    const { error } = await runActionOnce(
      createRuntimeWorkflowAction,
      clients,
      {
        ...bWorkflow,
        argoEvents: {
          ...bWorkflow.argoEvents,
          source: { type: 'calendar', schedule: '0 4 * * *' },
        },
      },
      { user: TEST_USERS.admin },
    );
    expect(error).toBeUndefined();
    const { source } = await objectsOf('team-assistant', 'b-nightly');
    expect(source?.spec.calendar).toEqual({
      'b-nightly': { schedule: '0 4 * * *' },
    });
    expect(source?.metadata.uid).toBe(before.source?.metadata.uid);
    expect(source?.metadata.labels).toEqual(before.source?.metadata.labels);
  });

  it('lets exactly one of two concurrent claims create the same workflow', async () => {
    const claimFor = (service: string) =>
      runActionOnce(
        createRuntimeWorkflowAction,
        clients,
        { ...bWorkflow, service, name: 'b-race' },
        { user: TEST_USERS.assistant },
      );
    const results = await Promise.all([
      claimFor('svc-one'),
      claimFor('svc-two'),
    ]);
    const winners = results.filter(result => !result.error);
    const losers = results.filter(result => result.error);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0].error?.name).toBe('ConflictError');
    const winner = results[0].error ? 'svc-two' : 'svc-one';
    expect(losers[0].error?.message).toContain(`service '${winner}'`);
    const { source, sensor } = await objectsOf('team-assistant', 'b-race');
    expect(source?.metadata.labels?.['runtime-portal.io/service']).toBe(winner);
    expect(sensor?.metadata.labels?.['runtime-portal.io/service']).toBe(winner);
  });
});
