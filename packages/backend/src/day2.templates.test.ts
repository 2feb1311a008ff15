import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Sandbox, SandboxSnapshot } from '@runtime-portal/runtime-sandbox';
import {
  EVENT_SOURCE_KIND,
  MODEL_KIND,
  RuntimeClients,
  SENSOR_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  FinishedTask,
  TemplatesBackend,
  startTemplatesBackend,
} from './testing/startTemplatesBackend';
import { aiServiceValues } from './testing/aiService';
import {
  completes as runToCompletion,
  textOutput,
} from './testing/templateTasks';

jest.setTimeout(180_000);

// Day 2 through the real scaffolder, catalog and permission backend, against the sandbox: for each kind
// of resource, its change and retirement templates. A dry run changes nothing; a change is made and a
// re-run changes nothing more; after create and then retire, every upstream is exactly as it was before
// the create (the sandbox's snapshot of its state); retiring again has nothing to do.
describe('day-2 templates, through the real scaffolder', () => {
  let portal: TemplatesBackend;
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    portal = await startTemplatesBackend();
    ({ sandbox, sandboxClients: clients } = portal);
  });

  afterAll(() => portal?.stop());

  const where = {
    environment: 'dev',
    owner: 'group:default/search-team',
    service: 'component:default/semantic-search',
  };

  const completes = (templateRef: string, values: object, secrets?: object) =>
    runToCompletion(portal, templateRef, values, secrets);

  /** Dry-runs a template file and expects the upstreams to be exactly as they were. */
  async function dryRunChangesNothing(
    file: string,
    values: object,
    secrets?: object,
  ): Promise<void> {
    const before = await sandbox.snapshot();
    const response = await portal.dryRun(file, values, secrets);
    expect({
      file,
      status: response.status,
      error: response.body.error,
    }).toEqual({ file, status: 200, error: undefined });
    expect(JSON.stringify(response.body.log)).toMatch(/[Dd]ry run/);
    expect(await sandbox.snapshot()).toEqual(before);
  }

  /** Runs a template twice: the first run changes the upstreams, the second changes nothing more. */
  async function changesOnce(
    templateRef: string,
    values: object,
    secrets?: object,
  ): Promise<SandboxSnapshot> {
    const before = await sandbox.snapshot();
    await completes(templateRef, values, secrets);
    const changed = await sandbox.snapshot();
    expect(changed).not.toEqual(before);
    await completes(templateRef, values, secrets);
    expect(await sandbox.snapshot()).toEqual(changed);
    return changed;
  }

  /** The retire template's "Removed" output: what its step removed, or that nothing was left. */
  const removedOf = (finished: FinishedTask) => textOutput(finished, 'Removed');

  /** Retires a resource (dry run first), then again; the upstreams end exactly as `original`. */
  async function retires(values: object, original: SandboxSnapshot) {
    await dryRunChangesNothing('retire-resource.yaml', values);
    const first = await completes(
      'template:default/runtime-retire-resource',
      values,
    );
    expect(removedOf(first)).toMatch(/\w/);
    expect(removedOf(first)).not.toMatch(/^Nothing/);
    expect(await sandbox.snapshot()).toEqual(original);
    const second = await completes(
      'template:default/runtime-retire-resource',
      values,
    );
    expect(removedOf(second)).toBe('Nothing: it was already gone.');
    expect(await sandbox.snapshot()).toEqual(original);
  }

  /** Waits until the catalog no longer holds a Resource whose name matches. */
  async function waitUntilGone(name: RegExp): Promise<void> {
    let names: string[] = [];
    for (let i = 0; i < 300; i++) {
      const response = await request(portal.server)
        .get('/api/catalog/entities?filter=kind=resource&fields=metadata.name')
        .set('authorization', mockCredentials.service.header());
      names = (response.body as Array<{ metadata: { name: string } }>).map(
        e => e.metadata.name,
      );
      if (!names.some(n => name.test(n))) return;
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error(
      `the catalog still holds ${names.filter(n => name.test(n))}`,
    );
  }

  it('changes a bucket, rotates its keys and retires it, leaving every upstream as before', async () => {
    const original = await sandbox.snapshot();
    const bucket = { ...where, name: 'day2-bucket' };
    await completes('template:default/runtime-bucket', {
      ...bucket,
      versioning: false,
      expirationDays: 30,
    });
    await portal.catalogEntityRefs(/bucket-day2-bucket$/);

    const update = { ...bucket, versioning: true, expirationDays: 7 };
    await dryRunChangesNothing('update-bucket.yaml', update);
    await changesOnce('template:default/runtime-update-bucket', update);
    const s3 = clients.client('dev', 'objectStorage');
    expect((await s3.getLifecycle('day2-bucket')).expirationDays).toBe(7);

    await dryRunChangesNothing('rotate-bucket-keys.yaml', bucket);
    const before = await sandbox.snapshot();
    await completes(
      'template:default/runtime-rotate-bucket-credentials',
      bucket,
    );
    expect((await sandbox.snapshot()).s3.users).not.toEqual(before.s3.users);

    await retires({ ...bucket, type: 'bucket' }, original);
    await waitUntilGone(/bucket-day2-bucket$/);
  });

  it('rotates a secret without the values reaching the task, and retires it', async () => {
    const original = await sandbox.snapshot();
    const secret = { ...where, name: 'day2-db' };
    await completes(
      'template:default/runtime-secret',
      { ...secret, namespace: 'team-search', username: '***', password: '***' },
      { username: 'app', password: 'first-canary-5d1e' },
    );
    const rotate = {
      ...secret,
      holds: 'credentials',
      username: '***',
      password: '***',
    };
    const values = { username: 'app', password: 'second-canary-77aa' };
    await dryRunChangesNothing('rotate-secret.yaml', rotate, values);
    const before = await sandbox.snapshot();
    const rotated = await completes(
      'template:default/runtime-rotate-secret',
      rotate,
      values,
    );
    expect(rotated.log).not.toContain('second-canary-77aa');
    const after = await sandbox.snapshot();
    expect(after).not.toEqual(before);
    // The readers are unchanged: the policy and role are as they were.
    expect(after.openbao.namespaces[''].policies).toEqual(
      before.openbao.namespaces[''].policies,
    );
    expect(after.openbao.namespaces[''].kubernetesRoles).toEqual(
      before.openbao.namespaces[''].kubernetesRoles,
    );
    // The same values again: no new version.
    await completes('template:default/runtime-rotate-secret', rotate, values);
    expect(await sandbox.snapshot()).toEqual(after);

    await retires({ ...secret, type: 'secret' }, original);
  });

  it('scales an inference endpoint and retires it', async () => {
    const original = await sandbox.snapshot();
    const endpoint = { ...where, namespace: 'team-search', name: 'day2-model' };
    await completes('template:default/runtime-inference-endpoint', {
      ...endpoint,
      url: 'hf://Qwen/Qwen2.5-0.5B-Instruct',
      engine: 'VLLM',
      features: ['TextGeneration'],
      resourceProfile: 'cpu:1',
      minReplicas: 1,
      maxReplicas: 2,
    });
    const scale = { ...endpoint, minReplicas: 1, maxReplicas: 3 };
    await dryRunChangesNothing('scale-inference-endpoint.yaml', scale);
    await changesOnce(
      'template:default/runtime-scale-inference-endpoint',
      scale,
    );
    const model = await clients
      .client('dev', 'kubernetes')
      .get(MODEL_KIND, 'team-search', 'day2-model');
    expect(model?.spec).toMatchObject({ minReplicas: 1, maxReplicas: 3 });

    await retires({ ...endpoint, type: 'inference-endpoint' }, original);
  });

  it('retargets, suspends and resumes an Argo Events workflow, and retires it', async () => {
    const original = await sandbox.snapshot();
    const workflow = {
      ...where,
      namespace: 'team-search',
      name: 'day2-hook',
      engine: 'argo-events',
    };
    await completes('template:default/runtime-workflow', {
      ...workflow,
      targetUrl: 'http://semantic-search.team-search.svc:8080/reindex',
    });
    // Its target changes to another URL of the service, once.
    const retarget = {
      ...workflow,
      targetUrl: 'http://semantic-search.team-search.svc:8080/refresh',
    };
    await dryRunChangesNothing('update-workflow.yaml', retarget);
    await changesOnce('template:default/runtime-update-workflow', retarget);
    const retargeted = await clients
      .client('dev', 'kubernetes')
      .get(SENSOR_KIND, 'team-search', 'day2-hook');
    expect(JSON.stringify(retargeted?.spec)).toContain(
      'http://semantic-search.team-search.svc:8080/refresh',
    );
    const created = await sandbox.snapshot();
    const suspend = { ...workflow, suspended: true };
    await dryRunChangesNothing('update-workflow.yaml', suspend);
    await changesOnce('template:default/runtime-update-workflow', suspend);
    // Suspended: the EventSource is gone (no event reaches the workflow), the Sensor keeps it for resume.
    const kubernetes = clients.client('dev', 'kubernetes');
    expect(
      await kubernetes.get(EVENT_SOURCE_KIND, 'team-search', 'day2-hook'),
    ).toBeUndefined();
    expect(
      await kubernetes.get(SENSOR_KIND, 'team-search', 'day2-hook'),
    ).toBeDefined();
    await changesOnce('template:default/runtime-update-workflow', {
      ...workflow,
      suspended: false,
    });
    // Resumed, its EventSource is back with the spec it had before the suspension.
    const key = 'argoproj.io/v1alpha1 EventSource team-search/day2-hook';
    const resumed = await sandbox.snapshot();
    expect(resumed.kubernetes.objects[key]?.spec).toEqual(
      created.kubernetes.objects[key]?.spec,
    );
    expect(created.kubernetes.objects[key]).toBeDefined();

    await retires({ ...workflow, type: 'workflow' }, original);
  });

  it('refuses to retire what a service in the catalog depends on, unless forced', async () => {
    const name = 'day2-svc';
    await completes(
      'template:default/runtime-ai-service',
      aiServiceValues(sandbox, name),
      { apiToken: 'day2-canary-token' },
    );
    const component = await portal.waitForEntity(`component/default/${name}`);
    const bucketRef = (component.spec?.dependsOn as string[]).find(ref =>
      ref.endsWith(`${name}-data`),
    );
    expect(bucketRef).toBeDefined();
    // Wait until the catalog has the relation the refusal is decided on.
    await portal.catalogEntityRefs(new RegExp(`${name}-data$`));

    const retire = {
      ...where,
      service: `component:default/${name}`,
      type: 'bucket',
      name: `${name}-data`,
    };
    const refused = await portal.run(
      'template:default/runtime-retire-resource',
      retire,
    );
    expect(refused.task.status).toBe('failed');
    expect(refused.log).toContain(`component:default/${name}`);
    const s3 = clients.client('dev', 'objectStorage');
    expect(await s3.headBucket(`${name}-data`)).toBe(true);

    await completes('template:default/runtime-retire-resource', {
      ...retire,
      force: true,
    });
    expect(await s3.headBucket(`${name}-data`)).toBe(false);
  });
});
