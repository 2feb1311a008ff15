import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import {
  startSandbox,
  sandboxEnvironmentConfig,
  Sandbox,
} from '@runtime-portal/runtime-sandbox';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleRuntime from '@runtime-portal/backstage-plugin-scaffolder-backend-module-runtime';
import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import { ConfigReader } from '@backstage/config';

jest.setTimeout(120_000);

// The self-service templates of the portal, run by the real scaffolder backend with the runtime module.
// eslint-disable-next-line no-restricted-syntax
const TEMPLATES_DIR = path.resolve(__dirname, '../../../examples/templates');
const template = (file: string): Entity =>
  yaml.parse(fs.readFileSync(path.join(TEMPLATES_DIR, file), 'utf8'));
/** Every template file: `<name>.yaml`, or `<name>/template.yaml` beside its skeleton. */
const TEMPLATE_FILES = fs
  .readdirSync(TEMPLATES_DIR, { withFileTypes: true })
  .map(e => (e.isDirectory() ? `${e.name}/template.yaml` : e.name))
  .filter(f => f.endsWith('.yaml'));

const CANARY = 'canary-password-4b1d';

describe('the Runtime self-service templates, through the real scaffolder', () => {
  let sandbox: Sandbox;
  let server: any;
  let sandboxClients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: 'free',
      readyAfterMs: 200,
    });
    sandboxClients = RuntimeClients.fromConfig(
      new ConfigReader({
        runtime: { environments: [sandboxEnvironmentConfig(sandbox)] },
      }),
    );
    const templates = TEMPLATE_FILES.map(template);
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleRuntime,
        catalogServiceMock.factory({
          entities: [
            ...templates,
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: { name: 'mock' },
              spec: { memberOf: ['search-team'] },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            runtime: { environments: [sandboxEnvironmentConfig(sandbox)] },
          },
        }),
      ],
    }));
  });

  afterAll(() => sandbox?.close());

  const where = {
    environment: 'dev',
    owner: 'group:default/search-team',
    service: 'component:default/semantic-search',
  };

  const dryRun = (file: string, values: object, secrets: object = {}) =>
    request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('authorization', mockCredentials.user.header())
      .send({
        template: template(file),
        values,
        secrets,
        directoryContents: [],
      });

  async function run(
    templateRef: string,
    values: object,
    secrets: object = {},
  ) {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('authorization', mockCredentials.user.header())
      .send({ templateRef, values, secrets });
    expect(created.status).toBe(201);
    for (let i = 0; i < 400; i++) {
      const task = await request(server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
        .set('authorization', mockCredentials.user.header());
      if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
        const events = await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
          .set('authorization', mockCredentials.user.header());
        return { task: task.body, log: JSON.stringify(events.body) };
      }
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error('task did not finish');
  }

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
    const first = await run('template:default/runtime-bucket', values);
    expect(first.task.status).toBe('completed');
    const second = await run('template:default/runtime-bucket', values);
    expect(second.task.status).toBe('completed');

    const s3 = sandboxClients.client('dev', 'objectStorage');
    expect(await s3.getTags('templated-bucket')).toMatchObject({
      owner: 'search-team',
      service: 'semantic-search',
    });
    expect((await s3.getLifecycle('templated-bucket')).expirationDays).toBe(30);
  });

  it('stores a secret from its template without the value reaching the task log', async () => {
    const { task, log } = await run(
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
    expect(task.status).toBe('completed');
    expect(log).not.toContain(CANARY);
    expect(JSON.stringify(task)).not.toContain(CANARY);

    const bao = sandboxClients.client('dev', 'openbao');
    const metadata = await bao.readSecretMetadata(
      'semantic-search/templated-db',
    );
    expect(metadata?.currentVersion).toBe(1);
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
