import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  EVENT_SOURCE_KIND,
  MODEL_KIND,
  SERVICE_KIND,
  RuntimeClients,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  TemplatesBackend,
  startTemplatesBackend,
} from './testing/startTemplatesBackend';
import { aiServiceValues, readRepositoryFile } from './testing/aiService';
import { completes } from './testing/templateTasks';

jest.setTimeout(120_000);

const CANARY = 'canary-password-4b1d';

// The self-service templates of the portal, run by the real scaffolder backend with the runtime module,
// the real catalog and the real permission backend with the Runtime's policy, as a search-team member.
describe('the Runtime self-service templates, through the real scaffolder', () => {
  let portal: TemplatesBackend;
  let sandbox: Sandbox;
  let server: any;
  let sandboxClients: RuntimeClients;

  beforeAll(async () => {
    portal = await startTemplatesBackend();
    ({ sandbox, server, sandboxClients } = portal);
  });

  afterAll(() => portal?.stop());

  const dryRun: TemplatesBackend['dryRun'] = (...args) =>
    portal.dryRun(...args);
  const waitForEntity = (entityPath: string) =>
    portal.waitForEntity(entityPath);
  const catalogEntityRefs = (name: RegExp) => portal.catalogEntityRefs(name);

  const where = {
    environment: 'dev',
    owner: 'group:default/search-team',
    service: 'component:default/semantic-search',
  };

  it('dry-runs every template, creating nothing', async () => {
    const cases: Array<[string, object, object?]> = [
      ['bucket.yaml', { ...where, name: 'dry-run-bucket', versioning: true }],
      [
        'secret.yaml',
        {
          ...where,
          namespace: 'team-search',
          name: 'dry-db',
          username: 'u',
          password: 'p',
        },
        { username: 'u', password: 'p' },
      ],
      [
        'inference-endpoint.yaml',
        {
          ...where,
          namespace: 'team-search',
          name: 'dry-model',
          url: 'hf://Qwen/Qwen2.5-0.5B-Instruct',
          engine: 'VLLM',
          features: ['TextGeneration'],
          resourceProfile: 'cpu:1',
          minReplicas: 1,
          maxReplicas: 2,
        },
      ],
      [
        'workflow.yaml',
        {
          ...where,
          name: 'dry-temporal',
          engine: 'temporal',
          retentionDays: 7,
        },
      ],
    ];
    for (const [file, values, secrets] of cases) {
      const response = await dryRun(file, values, secrets);
      expect({ file, status: response.status }).toEqual({ file, status: 200 });
      expect(JSON.stringify(response.body.log)).toMatch(/[Dd]ry run/);
    }
    const s3 = sandboxClients.client('dev', 'objectStorage');
    expect(await s3.headBucket('dry-run-bucket')).toBe(false);
  });

  it('creates a bucket from its template, and a second run is a no-op success', async () => {
    const values = {
      ...where,
      name: 'templated-bucket',
      versioning: true,
      expirationDays: 30,
    };
    const first = await completes(
      portal,
      'template:default/runtime-bucket',
      values,
    );
    await completes(portal, 'template:default/runtime-bucket', values);

    const s3 = sandboxClients.client('dev', 'objectStorage');
    expect(await s3.getTags('templated-bucket')).toMatchObject({
      owner: 'search-team',
      service: 'semantic-search',
    });
    expect((await s3.getLifecycle('templated-bucket')).expirationDays).toBe(30);

    // The service's MinIO user: its keys in OpenBao, only their path in the task.
    const keysPath = 'semantic-search/buckets/templated-bucket';
    expect(JSON.stringify(first.task)).not.toContain('secretKey');
    const stored = await fetch(
      `${sandbox.urls.openbao}/v1/secret/data/${keysPath}`,
      { headers: { 'X-Vault-Token': sandbox.adminCredentials.openbaoToken } },
    ).then(response => response.json());
    const { accessKey, secretKey } = stored.data.data;
    expect(await s3.admin.getUser(accessKey)).toMatchObject({
      status: 'enabled',
      policies: ['runtime-bucket-templated-bucket'],
    });
    expect(first.log).not.toContain(secretKey);
    expect(JSON.stringify(first.task)).not.toContain(secretKey);
    expect(
      (
        await sandboxClients
          .client('dev', 'openbao')
          .readSecretMetadata(keysPath)
      )?.currentVersion,
    ).toBe(1);
  });

  it('stores a secret from its template without the value reaching the task log', async () => {
    const { task, log } = await completes(
      portal,
      'template:default/runtime-secret',
      // As the Secret field does: the form holds a mask, the value travels in the task's secrets only.
      {
        ...where,
        namespace: 'team-search',
        name: 'templated-db',
        username: '***',
        password: '********',
      },
      { username: 'app', password: CANARY },
    );
    expect(log).not.toContain(CANARY);
    expect(JSON.stringify(task)).not.toContain(CANARY);

    const bao = sandboxClients.client('dev', 'openbao');
    const metadata = await bao.readSecretMetadata(
      'semantic-search/templated-db',
    );
    expect(metadata?.currentVersion).toBe(1);
  });

  const aiService = (name: string) => aiServiceValues(sandbox, name);

  it('creates an AI service: its Runtime resources, a GitLab repository and its catalog entry', async () => {
    const { log } = await completes(
      portal,
      'template:default/runtime-ai-service',
      aiService('handbook-qa'),
      { apiToken: CANARY },
    );
    expect(log).not.toContain(CANARY);

    // Its Runtime resources, attributed to the team and the service.
    const kubernetes = sandboxClients.client('dev', 'kubernetes');
    const model = await kubernetes.get(
      MODEL_KIND,
      'team-search',
      'handbook-qa-model',
    );
    expect(model?.metadata.labels).toMatchObject({
      'runtime-portal.io/owner': 'search-team',
      'runtime-portal.io/service': 'handbook-qa',
    });
    const s3 = sandboxClients.client('dev', 'objectStorage');
    expect(await s3.getTags('handbook-qa-data')).toMatchObject({
      owner: 'search-team',
      service: 'handbook-qa',
    });
    const openbao = sandboxClients.client('dev', 'openbao');
    expect(await openbao.readSecretMetadata('handbook-qa/app')).toBeDefined();
    // The bucket's MinIO user: keys in OpenBao, readable by the service's account.
    expect(
      (await openbao.readSecretMetadata('handbook-qa/buckets/handbook-qa-data'))
        ?.currentVersion,
    ).toBe(1);
    expect(
      await openbao.readKubernetesAuthRole('runtime_bucket_handbook-qa-data'),
    ).toMatchObject({ boundServiceAccountNames: ['handbook-qa'] });
    expect(
      await sandboxClients
        .client('dev', 'temporal')
        .describeNamespace('handbook-qa'),
    ).toBeDefined();

    // Its repository's catalog-info.yaml, registered as a location (the scaffolder's own credentials:
    // the policy gives a team member no catalog.location.create) and processed by the catalog.
    const locations = await request(server)
      .get('/api/catalog/locations')
      .set('authorization', mockCredentials.service.header());
    const targets: string[] = locations.body.map(
      (l: { data: { target: string } }) => l.data.target,
    );
    expect(targets).toEqual([
      expect.stringMatching(
        /\/search-team\/handbook-qa\/-\/blob\/main\/catalog-info\.yaml$/,
      ),
    ]);
    const component = await waitForEntity('component/default/handbook-qa');
    // The member could not have registered it themselves: the policy keeps locations for admins.
    const direct = await request(server)
      .post('/api/catalog/locations')
      .set('authorization', mockCredentials.user.header())
      .send({ type: 'url', target: targets[0].replace('main', 'other') });
    expect(direct.status).toBe(403);
    expect(component.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': `url:${targets[0]}`,
      'backstage.io/kubernetes-id': 'handbook-qa',
      'backstage.io/kubernetes-namespace': 'team-search',
      'argocd/app-name': 'handbook-qa',
      'gitlab.com/project-slug': 'search-team/handbook-qa',
      'goharbor.io/repository-slug': 'search-team/handbook-qa',
      'grafana/dashboard-selector': "tags @> 'handbook-qa'",
    });
    expect(component.spec?.owner).toBe('group:default/search-team');
    // The catalog keeps the relations, not the file's order.
    expect(component.spec?.dependsOn).toHaveLength(4);
    expect(component.spec?.dependsOn).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^resource:default\/.*handbook-qa-model$/),
        expect.stringMatching(/^resource:default\/.*handbook-qa-data$/),
        expect.stringMatching(/^resource:default\/.*secret.*handbook-qa-app/),
        expect.stringMatching(/^resource:default\/.*workflow.*handbook-qa$/),
      ]),
    );
    const readme = await readRepositoryFile(
      sandbox,
      targets[0].replace('catalog-info.yaml', 'README.md'),
    );
    expect(readme).toContain('/openai/v1');
    expect(readme).not.toContain(CANARY);
  });

  it('dry-runs the AI service template without creating anything', async () => {
    const response = await dryRun(
      'ai-service/template.yaml',
      aiService('dry-ai-service'),
      { apiToken: CANARY },
    );
    expect(response.body.error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).not.toContain(CANARY);
    const s3 = sandboxClients.client('dev', 'objectStorage');
    expect(await s3.headBucket('dry-ai-service-data')).toBe(false);
    const kubernetes = sandboxClients.client('dev', 'kubernetes');
    expect(
      await kubernetes.get(MODEL_KIND, 'team-search', 'dry-ai-service-model'),
    ).toBeUndefined();
    const locations = await request(server)
      .get('/api/catalog/locations')
      .set('authorization', mockCredentials.service.header());
    expect(locations.status).toBe(200);
    expect(JSON.stringify(locations.body)).not.toContain('dry-ai-service');
  });

  it("runs a webhook workflow: Argo Events' controller makes its Service, and the workflow's page shows the in-cluster URL", async () => {
    const values = {
      ...where,
      name: 'orders-hook',
      engine: 'argo-events',
      namespace: 'team-search',
      targetUrl: 'http://semantic-search.team-search.svc:8080/reindex',
    };
    const { log } = await completes(
      portal,
      'template:default/runtime-workflow',
      values,
    );

    // The EventSource declares its Service, and the sandbox's Argo Events controller made it as the
    // real one does: named after the EventSource, owned by it, with the declared ports.
    const kubernetes = sandboxClients.client('dev', 'kubernetes');
    const eventSource = await kubernetes.get(
      EVENT_SOURCE_KIND,
      'team-search',
      'orders-hook',
    );
    const ports = (
      eventSource?.spec as { service?: { ports?: Array<{ port: number }> } }
    ).service?.ports;
    expect(ports).toHaveLength(1);
    let service;
    for (let i = 0; i < 100 && !service; i++) {
      service = await kubernetes.get(
        SERVICE_KIND,
        'team-search',
        'orders-hook-eventsource-svc',
      );
      if (!service) await new Promise(r => setTimeout(r, 100));
    }
    expect(service?.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'EventSource', name: 'orders-hook' }),
    ]);
    const url = `http://orders-hook-eventsource-svc.team-search.svc:${
      ports![0].port
    }/orders-hook`;

    // The task's output (its completion event) gives the URL ...
    expect(log).toContain(url);

    // ... and so does the workflow's page, from the catalog entity the Runtime's provider made.
    const [entityRef] = await catalogEntityRefs(/workflow.*orders-hook$/);
    const details = await request(server)
      .get(
        `/api/runtime/entity/resource/default/${entityRef
          .split('/')
          .pop()}/resource`,
      )
      .set('authorization', mockCredentials.user.header());
    expect(details.status).toBe(200);
    expect(details.body.webhookUrls).toEqual([url]);
  });

  it('refuses an invalid name with a clear error and creates nothing', async () => {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('authorization', mockCredentials.user.header())
      .send({
        templateRef: 'template:default/runtime-bucket',
        values: { ...where, name: 'Bad_Bucket!', versioning: true },
      });
    expect(created.status).toBe(400);
    expect(JSON.stringify(created.body)).toMatch(
      /instance.name does not match pattern/,
    );

    const s3 = sandboxClients.client('dev', 'objectStorage');
    expect((await s3.listBuckets()).map(b => b.name)).not.toContain(
      'Bad_Bucket!',
    );
  });
});
