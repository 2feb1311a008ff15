import request from 'supertest';
import yaml from 'yaml';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ConfigReader } from '@backstage/config';
import { sandboxPlatformConfig } from '@runtime-portal/runtime-sandbox';
import {
  validateBuiltIn,
  validateMetadata,
} from './deploy/__testUtils__/builtInSchemas';
import { ManifestObject } from './deploy/__testUtils__/deployManifests';
import {
  TemplatesBackend,
  startTemplatesBackend,
} from './testing/startTemplatesBackend';

jest.setTimeout(180_000);

const CANARY = 'golden-path-token-9c2e';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** The Kubernetes objects of a skeleton's rendered `deploy/` files, by kind. */
function deployObjects(
  files: Array<{ path: string; content: string }>,
): Record<string, ManifestObject> {
  const objects: Record<string, ManifestObject> = {};
  for (const file of files.filter(f => /^deploy\/.*\.ya?ml$/.test(f.path))) {
    for (const document of yaml.parseAllDocuments(file.content)) {
      const object = document.toJSON() as ManifestObject;
      objects[object.kind] = object;
    }
  }
  return objects;
}

/**
 * Checks the rendered manifests: each valid against the Kubernetes API schema, the Deployment
 * non-root with probes and resources, reading the service's secret through OpenBao's agent injector
 * as the secret's Kubernetes auth role, under the service account that role binds, and the Service
 * on the port the route step uses.
 */
function expectDeployManifests(
  objects: Record<string, ManifestObject>,
  service: string,
) {
  expect(Object.keys(objects).sort()).toEqual([
    'Deployment',
    'Service',
    'ServiceAccount',
  ]);
  for (const object of Object.values(objects)) {
    expect({
      kind: object.kind,
      problems: [...validateBuiltIn(object), ...validateMetadata(object)],
    }).toEqual({ kind: object.kind, problems: [] });
    expect(object.metadata.namespace).toBe('team-search');
  }
  const deployment = objects.Deployment as any;
  const pod = deployment.spec.template;
  expect(pod.metadata.annotations).toMatchObject({
    'vault.hashicorp.com/agent-inject': 'true',
    'vault.hashicorp.com/role': `runtime_secret_${service}_app`,
    'vault.hashicorp.com/agent-inject-secret-app': `secret/data/${service}/app`,
  });
  expect(
    pod.metadata.annotations['vault.hashicorp.com/agent-inject-template-app'],
  ).toContain(`{{- with secret "secret/data/${service}/app" -}}`);
  expect(pod.spec.serviceAccountName).toBe(
    objects.ServiceAccount.metadata.name,
  );
  expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true });
  const [container] = pod.spec.containers;
  expect(container.securityContext).toMatchObject({
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
  });
  expect(container.readinessProbe.httpGet.path).toBe('/healthz');
  expect(container.livenessProbe).toBeDefined();
  expect(container.resources.limits).toBeDefined();
  expect((objects.Service as any).spec.ports[0].port).toBe(80);
}

// The golden path: a new AI service is created, published, registered and deployed by Argo CD from
// its own repository, through the real scaffolder as a search-team member.
describe('the AI service golden path, through the real scaffolder', () => {
  let portal: TemplatesBackend;

  beforeAll(async () => {
    portal = await startTemplatesBackend();
  });
  afterAll(() => portal?.stop());

  const values = (name: string) => ({
    name,
    description: 'Answers questions about the handbook.',
    owner: 'group:default/search-team',
    environment: 'dev',
    namespace: 'team-search',
    modelUrl: 'hf://Qwen/Qwen2.5-0.5B-Instruct',
    engine: 'VLLM',
    resourceProfile: 'cpu:1',
    apiToken: '********',
    repoUrl: `${
      new URL(portal.sandbox.urls.gitlab).host
    }?owner=search-team&repo=${name}`,
  });

  it('dry-runs: renders valid deploy manifests wired to the secret, and deploys nothing', async () => {
    const response = await portal.dryRun(
      'ai-service/template.yaml',
      values('golden-dry'),
      { apiToken: CANARY },
    );
    expect(response.body.error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).not.toContain(CANARY);
    const files = (
      response.body.directoryContents as Array<{
        path: string;
        base64Content: string;
      }>
    ).map(f => ({
      path: f.path,
      content: Buffer.from(f.base64Content, 'base64').toString('utf8'),
    }));
    expectDeployManifests(deployObjects(files), 'golden-dry');
    const argocd = portal.sandboxClients.client('dev', 'argocd');
    expect(await argocd.listApplications({ name: 'golden-dry' })).toEqual([]);
  });

  it("creates the service and its Argo CD application, whose sync the service's delivery shows", async () => {
    const { task, log } = await portal.run(
      'template:default/runtime-ai-service',
      values('golden-qa'),
      { apiToken: CANARY },
    );
    expect({
      status: task.status,
      error:
        task.status === 'failed'
          ? log.match(/"error":\{[^}]*\}/)?.[0]
          : undefined,
    }).toEqual({ status: 'completed', error: undefined });
    expect(log).not.toContain(CANARY);

    // The application: the team's project, its repository's deploy/, the team's namespace.
    const { sandbox, sandboxClients } = portal;
    const argocd = sandboxClients.client('dev', 'argocd');
    const [app] = await argocd.listApplications({ name: 'golden-qa' });
    expect(app).toMatchObject({
      project: 'search-team',
      labels: {
        'runtime-portal.io/owner': 'search-team',
        'runtime-portal.io/service': 'golden-qa',
      },
      source: {
        // publish:gitlab's remoteUrl: the project URL (GitLab serves git there too).
        repoURL: `${sandbox.urls.gitlab}/search-team/golden-qa`,
        path: 'deploy',
        targetRevision: 'HEAD',
      },
      destination: { namespace: 'team-search' },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    });
    // The task's output links to it.
    expect(log).toContain(`${sandbox.urls.argocd}/applications/golden-qa`);

    // The pushed manifests, and the OpenBao role they log in as: bound to their service account.
    const reader = UrlReaders.default({
      config: new ConfigReader({
        integrations: sandboxPlatformConfig(sandbox).integrations,
      }),
      logger: mockServices.logger.mock(),
    });
    const files = await Promise.all(
      ['deployment.yaml', 'service.yaml', 'serviceaccount.yaml'].map(
        async file => ({
          path: `deploy/${file}`,
          content: (
            await (
              await reader.readUrl(
                `${sandbox.urls.gitlab}/search-team/golden-qa/-/blob/main/deploy/${file}`,
              )
            ).buffer()
          ).toString(),
        }),
      ),
    );
    const objects = deployObjects(files);
    expectDeployManifests(objects, 'golden-qa');
    const openbao = sandboxClients.client('dev', 'openbao');
    const role = objects.Deployment.spec.template.metadata.annotations[
      'vault.hashicorp.com/role'
    ] as string;
    expect(await openbao.readKubernetesAuthRole(role)).toMatchObject({
      boundServiceAccountNames: [objects.ServiceAccount.metadata.name],
      boundServiceAccountNamespaces: ['team-search'],
      tokenPolicies: [role],
    });
    expect((await openbao.readAclPolicy(role))?.policy).toContain(
      `path "secret/data/golden-qa/app"`,
    );

    // The service's delivery report shows the application's sync, from Synced within seconds.
    await portal.waitForEntity('component/default/golden-qa');
    let deployment: any;
    for (let i = 0; i < 100; i++) {
      const response = await request(portal.server)
        .get('/api/runtime/entity/component/default/golden-qa/delivery')
        .set('authorization', mockCredentials.user.header());
      expect(response.status).toBe(200);
      deployment = response.body.deployments?.[0]?.data?.[0];
      if (deployment?.syncStatus === 'Synced') break;
      await sleep(200);
    }
    expect(deployment).toMatchObject({
      application: 'golden-qa',
      syncStatus: 'Synced',
      revision: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
  });

  it('adds its own PostgreSQL database when asked, and lists its credentials in the README', async () => {
    const { task, log } = await portal.run(
      'template:default/runtime-ai-service',
      { ...values('golden-db'), database: true },
      { apiToken: CANARY },
    );
    expect({
      status: task.status,
      error:
        task.status === 'failed'
          ? log.match(/"error":\{[^}]*\}/)?.[0]
          : undefined,
    }).toEqual({ status: 'completed', error: undefined });
    const postgres = portal.sandboxClients.client('dev', 'postgres');
    expect(await postgres.getDatabase('golden_db')).toMatchObject({
      name: 'golden_db',
      owner: 'golden_db',
    });
    const component = await portal.waitForEntity('component/default/golden-db');
    expect(component.spec?.dependsOn).toHaveLength(5);
    const reader = UrlReaders.default({
      config: new ConfigReader({
        integrations: sandboxPlatformConfig(portal.sandbox).integrations,
      }),
      logger: mockServices.logger.mock(),
    });
    const readme = (
      await (
        await reader.readUrl(
          `${portal.sandbox.urls.gitlab}/search-team/golden-db/-/blob/main/README.md`,
        )
      ).buffer()
    ).toString();
    expect(readme).toContain(
      'are in OpenBao at `golden-db/databases/golden_db`',
    );
  });
});
