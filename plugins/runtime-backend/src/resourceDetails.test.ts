import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import {
  Sandbox,
  sandboxEnvironmentConfig,
  startSandbox,
} from '@runtime-portal/runtime-sandbox';
import request from 'supertest';
import { ConfigReader } from '@backstage/config';
import {
  ArgoEventSource,
  EVENT_SOURCE_KIND,
  RuntimeClients,
  bucketAccessNames,
  bucketAccessPolicy,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { runtimePlugin } from './plugin';
import { runtimeResourceEntity, serviceEntity } from './testing/entities';

jest.setTimeout(60_000);

const endpoint = runtimeResourceEntity(
  'llama',
  'inference-endpoint',
  'team-assistant/llama-3-1-8b-instruct',
);
const bucket = runtimeResourceEntity(
  'index-bucket',
  'bucket',
  's3://semantic-search-index',
);
const secret = runtimeResourceEntity(
  'db-secret',
  'secret',
  'secret/semantic-search/database',
);
const argoWorkflow = runtimeResourceEntity(
  'transcribe',
  'workflow',
  'team-media/transcribe-on-upload',
);
const temporalWorkflow = runtimeResourceEntity(
  'temporal-ns',
  'workflow',
  'temporal:support-assistant',
);
const missing = runtimeResourceEntity(
  'gone',
  'bucket',
  's3://no-such-bucket-here',
);
const otherEnvironment = runtimeResourceEntity(
  'elsewhere',
  'bucket',
  's3://semantic-search-index',
  'prod',
);
const service = serviceEntity('semantic-search', 'team-search', 'search-team');

describe('GET /entity/:kind/:namespace/:name/resource', () => {
  let sandbox: Sandbox;
  let server: any;
  beforeAll(async () => {
    sandbox = await startSandbox({ ports: 'free' });
    ({ server } = await startTestBackend({
      features: [
        runtimePlugin,
        catalogServiceMock.factory({
          entities: [
            endpoint,
            bucket,
            secret,
            argoWorkflow,
            temporalWorkflow,
            missing,
            otherEnvironment,
            service,
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            runtime: { environments: [sandboxEnvironmentConfig(sandbox)] },
          },
        }),
      ],
    }));
  });
  afterAll(() => sandbox?.close());

  const get = (entity: Entity) =>
    request(server)
      .get(
        `/api/runtime/entity/${entity.kind}/default/${entity.metadata.name}/resource`,
      )
      .set('authorization', mockCredentials.user.header());

  it('shows an inference endpoint with its OpenAI-compatible base URL', async () => {
    const response = await get(endpoint);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(
      expect.objectContaining({
        type: 'inference-endpoint',
        environment: 'dev',
        namespace: 'team-assistant',
        name: 'llama-3-1-8b-instruct',
        engine: 'VLLM',
        features: ['TextGeneration'],
        minReplicas: 1,
        maxReplicas: 4,
        openaiBaseUrl: expect.stringMatching(
          /^http:\/\/kubeai\.[a-z-]+\.svc\.cluster\.local(:\d+)?\/openai\/v1$/,
        ),
      }),
    );
  });

  it('shows a bucket with versioning, expiry, tags and policy', async () => {
    const response = await get(bucket);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(
      expect.objectContaining({
        type: 'bucket',
        name: 'semantic-search-index',
        versioning: 'Enabled',
        expirationDays: 90,
      }),
    );
    expect(response.body.endpoint).toBe(sandbox.urls.s3);
  });

  it("shows the service's MinIO user for the bucket, its policy and where its keys are, never a key", async () => {
    const names = bucketAccessNames('semantic-search', 'semantic-search-index');
    const before = await get(bucket);
    expect(before.body.access).toEqual({
      service: 'semantic-search',
      ...names,
      userStatus: 'missing',
    });

    // The user as the action would leave it, set up directly as the platform.
    const admin = RuntimeClients.fromConfig(
      new ConfigReader({
        runtime: {
          environments: [
            sandboxEnvironmentConfig(sandbox, 'dev', sandbox.adminCredentials),
          ],
        },
      }),
    ).client('dev', 'objectStorage').admin;
    await admin.putCannedPolicy(
      names.policyName,
      bucketAccessPolicy('semantic-search-index'),
    );
    const secretKey = 'canary-bucket-secret-key-42';
    await admin.putUser(names.accessKey, {
      secretKey,
      policies: [names.policyName],
    });

    const after = await get(bucket);
    expect(after.body.access).toMatchObject({
      accessKey: names.accessKey,
      userStatus: 'enabled',
      credentialsPath: 'semantic-search/buckets/semantic-search-index',
      policy: expect.stringContaining('s3:GetObject'),
    });
    expect(JSON.stringify(after.body)).not.toContain(secretKey);
  });

  it('shows a secret with its versions, never its values', async () => {
    const response = await get(secret);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(
      expect.objectContaining({
        type: 'secret',
        mount: 'secret',
        path: 'semantic-search/database',
        currentVersion: expect.any(Number),
      }),
    );
    expect(response.body.versions.length).toBeGreaterThan(0);
    expect(JSON.stringify(response.body)).not.toMatch(/password"\s*:\s*"/);
  });

  it('shows the triggers and actions of a workflow of either engine', async () => {
    const argo = await get(argoWorkflow);
    expect(argo.status).toBe(200);
    expect(argo.body).toEqual(
      expect.objectContaining({ type: 'workflow', engine: 'argo-events' }),
    );
    expect(argo.body.triggers[0]).toEqual({
      kind: 'webhook',
      description: 'POST /recordings on port 12000',
    });
    expect(argo.body.actions[0].description).toMatch(
      /^POST http:\/\/meeting-transcriber/,
    );
    const temporal = await get(temporalWorkflow);
    expect(temporal.body).toEqual(
      expect.objectContaining({ engine: 'temporal', retentionDays: 14 }),
    );
  });

  it("shows a webhook's in-cluster URL once its EventSource declares a Service", async () => {
    // The EventSource is changed directly, as its team would: the portal may not update it.
    const kubernetes = RuntimeClients.fromConfig(
      new ConfigReader({
        runtime: {
          environments: [
            sandboxEnvironmentConfig(sandbox, 'dev', sandbox.adminCredentials),
          ],
        },
      }),
    ).client('dev', 'kubernetes');
    const live = await kubernetes.get<ArgoEventSource>(
      EVENT_SOURCE_KIND,
      'team-media',
      'transcribe-on-upload',
    );
    // Without a Service (Argo Events then makes none) the webhook has no URL.
    const withoutService = { ...live!.spec };
    delete withoutService.service;
    await kubernetes.replace<ArgoEventSource>({
      ...live!,
      spec: withoutService,
    });
    expect((await get(argoWorkflow)).body).not.toHaveProperty('webhookUrls');

    const current = await kubernetes.get<ArgoEventSource>(
      EVENT_SOURCE_KIND,
      'team-media',
      'transcribe-on-upload',
    );
    await kubernetes.replace<ArgoEventSource>({
      ...current!,
      spec: {
        ...current!.spec,
        service: { ports: [{ port: 80, targetPort: 12000 }] },
      },
    });
    const argo = await get(argoWorkflow);
    expect(argo.status).toBe(200);
    expect(argo.body.webhookUrls).toEqual([
      'http://transcribe-on-upload-eventsource-svc.team-media.svc:80/recordings',
    ]);
    expect(argo.body.triggers).toHaveLength(1);
  });

  it('answers 404 for a resource gone from its environment or an unknown environment', async () => {
    expect((await get(missing)).status).toBe(404);
    expect((await get(otherEnvironment)).status).toBe(404);
  });

  it('refuses entities that are not runtime Resources', async () => {
    const response = await get(service);
    expect(response.status).toBe(400);
  });
});
