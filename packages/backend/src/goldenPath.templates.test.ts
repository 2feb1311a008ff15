import request from 'supertest';
import yaml from 'yaml';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  APISIX_ROUTE_KIND,
  APISIX_TLS_KIND,
  CERTIFICATE_KIND,
  DNS_ENDPOINT_KIND,
  KubernetesObject,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  validateBuiltIn,
  validateMetadata,
} from './deploy/__testUtils__/builtInSchemas';
import { ManifestObject } from './deploy/__testUtils__/deployManifests';
import {
  TemplatesBackend,
  startTemplatesBackend,
} from './testing/startTemplatesBackend';
import { aiServiceValues, readRepositoryFile } from './testing/aiService';
import { sandboxRoutesConfig } from './testing/sandboxRoutes';
import { completes, linkOutput, taskOutput } from './testing/templateTasks';

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

  const values = (name: string) => aiServiceValues(portal.sandbox, name);
  const TEMPLATE = 'template:default/runtime-ai-service';

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
    const { log } = await completes(portal, TEMPLATE, values('golden-qa'), {
      apiToken: CANARY,
    });
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
    const files = await Promise.all(
      ['deployment.yaml', 'service.yaml', 'serviceaccount.yaml'].map(
        async file => ({
          path: `deploy/${file}`,
          content: await readRepositoryFile(
            sandbox,
            `${sandbox.urls.gitlab}/search-team/golden-qa/-/blob/main/deploy/${file}`,
          ),
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
    await completes(
      portal,
      TEMPLATE,
      { ...values('golden-db'), database: true },
      { apiToken: CANARY },
    );
    const postgres = portal.sandboxClients.client('dev', 'postgres');
    expect(await postgres.getDatabase('golden_db')).toMatchObject({
      name: 'golden_db',
      owner: 'golden_db',
    });
    const component = await portal.waitForEntity('component/default/golden-db');
    expect(component.spec?.dependsOn).toHaveLength(5);
    const readme = await readRepositoryFile(
      portal.sandbox,
      `${portal.sandbox.urls.gitlab}/search-team/golden-db/-/blob/main/README.md`,
    );
    expect(readme).toContain(
      'are in OpenBao at `golden-db/databases/golden_db`',
    );
  });

  describe('with a public route', () => {
    const routes = sandboxRoutesConfig();
    const [domain] = routes.domains;
    const routeKinds = [
      CERTIFICATE_KIND,
      APISIX_TLS_KIND,
      APISIX_ROUTE_KIND,
      DNS_ENDPOINT_KIND,
    ];

    /** The route's objects of that name in team-search, by kind; those that exist. */
    async function routeObjects(name: string) {
      const kubernetes = portal.sandboxClients.client('dev', 'kubernetes');
      const objects: Record<string, any> = {};
      for (const kind of routeKinds) {
        const object = await kubernetes.get<KubernetesObject>(
          kind,
          'team-search',
          name,
        );
        if (object) objects[object.kind] = object;
      }
      return objects;
    }

    /** The sandbox GitLab's answer for a project, by path. */
    async function gitlabProjectStatus(project: string): Promise<number> {
      const response = await fetch(
        `${portal.sandbox.urls.gitlab}/api/v4/projects/${encodeURIComponent(
          project,
        )}`,
        {
          headers: { 'private-token': portal.sandbox.credentials.gitlabToken },
        },
      );
      return response.status;
    }

    it('dry-runs the route: the API server accepts its objects, the output has the URL, and nothing is written', async () => {
      const before = await portal.sandbox.snapshot();
      const response = await portal.dryRun(
        'ai-service/template.yaml',
        { ...values('golden-web-dry'), exposeRoute: true },
        { apiToken: CANARY },
      );
      expect({ status: response.status, error: response.body.error }).toEqual({
        status: 200,
        error: undefined,
      });
      const url = `https://golden-web-dry.${domain}`;
      expect(JSON.stringify(response.body.log)).toContain(
        `Dry run: the API server accepted the Certificate, ApisixTls, ApisixRoute and DNSEndpoint team-search/golden-web-dry; ${url} would send traffic to Service golden-web-dry:80`,
      );
      expect(response.body.output?.links).toContainEqual(
        expect.objectContaining({ title: 'Its public URL', url }),
      );
      expect(await routeObjects('golden-web-dry')).toEqual({});
      expect(await portal.sandbox.snapshot()).toEqual(before);
    });

    it('exposes the service at <name>.<domain>: a ready certificate, its route and DNS record, the URL in the output and the catalog', async () => {
      const name = 'golden-web';
      const host = `${name}.${domain}`;
      const url = `https://${host}`;
      const finished = await completes(
        portal,
        TEMPLATE,
        { ...values(name), exposeRoute: true },
        { apiToken: CANARY },
      );
      expect(linkOutput(finished, 'Its public URL')).toBe(url);
      expect(finished.log).toContain(
        `${url} sends traffic to Service team-search/${name}:80`,
      );
      expect(finished.log).not.toContain(CANARY);

      await portal.sandbox.snapshot(); // the simulated controllers have settled
      const objects = await routeObjects(name);
      expect(Object.keys(objects).sort()).toEqual([
        'ApisixRoute',
        'ApisixTls',
        'Certificate',
        'DNSEndpoint',
      ]);
      for (const object of Object.values(objects)) {
        expect(object.metadata.labels).toMatchObject({
          'runtime-portal.io/owner': 'search-team',
          'runtime-portal.io/service': name,
        });
      }
      const { ApisixRoute: route, Certificate: certificate } = objects;
      expect(route.spec.http).toEqual([
        expect.objectContaining({
          match: { hosts: [host], paths: ['/*'] },
          // The skeleton's Service (deploy/service.yaml), on its port.
          backends: [{ serviceName: name, servicePort: 80 }],
        }),
      ]);
      expect(certificate.spec).toMatchObject({
        dnsNames: [host],
        issuerRef: { name: routes.clusterIssuer, kind: 'ClusterIssuer' },
      });
      expect(certificate.status?.conditions).toContainEqual(
        expect.objectContaining({ type: 'Ready', status: 'True' }),
      );
      expect(objects.DNSEndpoint.spec.endpoints).toEqual([
        expect.objectContaining({ dnsName: host, recordType: 'A' }),
      ]);

      // The route's Resource in the catalog, with its URL, and the service depending on it.
      const routeName = `dev-route-team-search-${name}`;
      const entity = await portal.waitForEntity(
        `resource/default/${routeName}`,
      );
      expect(entity.metadata.annotations?.['runtime-portal.io/route-url']).toBe(
        url,
      );
      const component = await portal.waitForEntity(`component/default/${name}`);
      expect(component.spec?.dependsOn).toContain(
        `resource:default/${routeName}`,
      );
    });

    it.each([
      [
        'outside the domain',
        'golden-out',
        'golden-out.example.org',
        `Invalid input: host: 'golden-out.example.org' is outside the configured domains`,
      ],
      [
        "another team's route holds",
        'golden-take',
        'assistant-chat',
        `Host assistant-chat.${domain} in dev is already held by ApisixRoute team-assistant/assistant-chat of owner 'assistant-team', service 'support-assistant'`,
      ],
    ])(
      'refuses a host %s before anything is created',
      async (_case, name, routeHost, message) => {
        const kubernetes = portal.sandboxClients.client('dev', 'kubernetes');
        // assistant-team's route, as its own run of the template would have made it.
        if (
          !(await kubernetes.get(
            APISIX_ROUTE_KIND,
            'team-assistant',
            'assistant-chat',
          ))
        ) {
          await kubernetes.create({
            apiVersion: 'apisix.apache.org/v2',
            kind: 'ApisixRoute',
            metadata: {
              name: 'assistant-chat',
              namespace: 'team-assistant',
              labels: {
                'runtime-portal.io/owner': 'assistant-team',
                'runtime-portal.io/service': 'support-assistant',
              },
            },
            spec: {
              http: [
                {
                  name: 'main',
                  match: {
                    hosts: [`assistant-chat.${domain}`],
                    paths: ['/*'],
                  },
                  backends: [
                    { serviceName: 'support-assistant', servicePort: 80 },
                  ],
                },
              ],
            },
          });
        }
        const before = await portal.sandbox.snapshot();
        const finished = await portal.run(
          TEMPLATE,
          { ...values(name), exposeRoute: true, routeHost },
          { apiToken: CANARY },
        );
        expect(finished.task.status).toBe('failed');
        expect(finished.log).toContain(message);
        expect(taskOutput(finished).links).toEqual([]);
        expect(await portal.sandbox.snapshot()).toEqual(before);
        const argocd = portal.sandboxClients.client('dev', 'argocd');
        expect(await argocd.listApplications({ name })).toEqual([]);
        // Nor was its repository published (the seeded service's is there).
        expect(await gitlabProjectStatus('search-team/semantic-search')).toBe(
          200,
        );
        expect(await gitlabProjectStatus(`search-team/${name}`)).toBe(404);
      },
    );
  });
});
