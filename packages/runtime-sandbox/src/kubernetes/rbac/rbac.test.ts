import { loadSeed } from '../../seed';
import {
  DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
  DEFAULT_SANDBOX_CREDENTIALS,
} from '../../types';
import {
  TestKubernetes,
  model,
  namespace,
  startTestKubernetes,
} from '../testUtils';
import { ruleAllows } from './policyRules';
import { RequestAttributes, requestAttributes } from './requestAttributes';

const PORTAL = 'system:serviceaccount:runtime-portal:runtime-portal';
const portalToken = DEFAULT_SANDBOX_CREDENTIALS.kubernetesToken;
const adminToken = DEFAULT_SANDBOX_ADMIN_CREDENTIALS.kubernetesToken;

const attributesOf = (method: string, path: string) =>
  requestAttributes(method, new URL(path, 'http://localhost'));

describe('request attributes (the request-info resolver)', () => {
  it.each<[string, string, Partial<RequestAttributes>]>([
    [
      'GET',
      '/api/v1/namespaces/a/pods',
      { verb: 'list', resource: 'pods', namespace: 'a', name: '' },
    ],
    ['GET', '/api/v1/namespaces/a/pods?watch=true', { verb: 'watch' }],
    ['GET', '/api/v1/namespaces/a/pods?watch=0', { verb: 'list' }],
    [
      'GET',
      '/api/v1/pods?fieldSelector=metadata.name%3Dx',
      { verb: 'list', name: 'x', namespace: '' },
    ],
    [
      'GET',
      '/api/v1/namespaces/a/pods/p/log',
      { verb: 'get', resource: 'pods', subresource: 'log', name: 'p' },
    ],
    [
      'GET',
      '/api/v1/namespaces/a',
      { verb: 'get', resource: 'namespaces', namespace: 'a', name: 'a' },
    ],
    [
      'PUT',
      '/api/v1/namespaces/a/status',
      {
        verb: 'update',
        resource: 'namespaces',
        subresource: 'status',
        name: 'a',
      },
    ],
    [
      'POST',
      '/apis/kubeai.org/v1/namespaces/a/models',
      { verb: 'create', apiGroup: 'kubeai.org', resource: 'models' },
    ],
    [
      'PATCH',
      '/apis/kubeai.org/v1/namespaces/a/models/m',
      { verb: 'patch', name: 'm' },
    ],
    [
      'DELETE',
      '/apis/argoproj.io/v1alpha1/namespaces/a/sensors',
      { verb: 'deletecollection' },
    ],
    [
      'DELETE',
      '/apis/argoproj.io/v1alpha1/namespaces/a/sensors/s',
      { verb: 'delete', name: 's' },
    ],
    [
      'GET',
      '/api/v1/watch/namespaces/a/pods',
      { verb: 'watch', resource: 'pods', namespace: 'a' },
    ],
    [
      'GET',
      '/apis/apps/v1',
      { resourceRequest: false, verb: 'get', path: '/apis/apps/v1' },
    ],
    ['GET', '/version', { resourceRequest: false, verb: 'get' }],
  ])('%s %s', (method, path, expected) => {
    expect(attributesOf(method, path)).toMatchObject(expected);
  });
});

describe('RBAC rule matching', () => {
  const logs = attributesOf('GET', '/api/v1/namespaces/a/pods/p/log');
  it('matches a subresource only as resource/subresource or */subresource', () => {
    expect(
      ruleAllows(logs, {
        verbs: ['get'],
        apiGroups: [''],
        resources: ['pods'],
      }),
    ).toBe(false);
    expect(
      ruleAllows(logs, {
        verbs: ['get'],
        apiGroups: [''],
        resources: ['pods/log'],
      }),
    ).toBe(true);
    expect(
      ruleAllows(logs, {
        verbs: ['get'],
        apiGroups: [''],
        resources: ['*/log'],
      }),
    ).toBe(true);
    expect(
      ruleAllows(logs, { verbs: ['*'], apiGroups: ['*'], resources: ['*'] }),
    ).toBe(true);
  });

  it('limits a rule with resourceNames to those names', () => {
    const rule = {
      verbs: ['get'],
      apiGroups: [''],
      resources: ['services'],
      resourceNames: ['kubeai'],
    };
    expect(
      ruleAllows(
        attributesOf('GET', '/api/v1/namespaces/a/services/kubeai'),
        rule,
      ),
    ).toBe(true);
    expect(
      ruleAllows(
        attributesOf('GET', '/api/v1/namespaces/a/services/other'),
        rule,
      ),
    ).toBe(false);
    expect(
      ruleAllows(attributesOf('GET', '/api/v1/namespaces/a/services'), {
        ...rule,
        verbs: ['list'],
      }),
    ).toBe(false);
  });

  it('matches the API group and verb exactly', () => {
    const models = attributesOf(
      'POST',
      '/apis/kubeai.org/v1/namespaces/a/models',
    );
    expect(
      ruleAllows(models, {
        verbs: ['create'],
        apiGroups: [''],
        resources: ['models'],
      }),
    ).toBe(false);
    expect(
      ruleAllows(models, {
        verbs: ['patch'],
        apiGroups: ['kubeai.org'],
        resources: ['models'],
      }),
    ).toBe(false);
    expect(
      ruleAllows(models, {
        verbs: ['create'],
        apiGroups: ['kubeai.org'],
        resources: ['models'],
      }),
    ).toBe(true);
  });

  it('matches non-resource URLs exactly or by a trailing *', () => {
    const discovery = attributesOf('GET', '/apis/apps/v1');
    expect(
      ruleAllows(discovery, { verbs: ['get'], nonResourceURLs: ['/apis/*'] }),
    ).toBe(true);
    expect(
      ruleAllows(discovery, { verbs: ['get'], nonResourceURLs: ['/apis'] }),
    ).toBe(false);
    expect(
      ruleAllows(discovery, {
        verbs: ['get'],
        apiGroups: ['*'],
        resources: ['*'],
      }),
    ).toBe(false);
  });
});

describe('the sandbox API server authorizes the portal with the shipped RBAC of deploy/', () => {
  let kube: TestKubernetes;
  const asPortal = { token: portalToken };
  const asAdmin = { token: adminToken };

  beforeAll(async () => {
    kube = await startTestKubernetes({
      seed: loadSeed(),
      adminCredentials: DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
    });
  });
  afterAll(() => kube.server.close());

  it('refuses the portal a Secret with the API server Status, before looking for the resource', async () => {
    const answer = await kube.call(
      'GET',
      '/api/v1/namespaces/team-search/secrets/db',
      asPortal,
    );
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `secrets "db" is forbidden: User "${PORTAL}" cannot get resource "secrets" in API group "" in the namespace "team-search"`,
      reason: 'Forbidden',
      details: { name: 'db', kind: 'secrets' },
      code: 403,
    });
    // The administrator passes authorization and meets the resource the sandbox does not serve.
    expect(
      (
        await kube.call(
          'GET',
          '/api/v1/namespaces/team-search/secrets/db',
          asAdmin,
        )
      ).status,
    ).toBe(404);
  });

  it('refuses the portal a Model written outside a team namespace', async () => {
    const answer = await kube.call(
      'POST',
      '/apis/kubeai.org/v1/namespaces/runtime-inference/models',
      {
        ...asPortal,
        body: model('runtime-inference', 'rogue'),
      },
    );
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `models.kubeai.org is forbidden: User "${PORTAL}" cannot create resource "models" in API group "kubeai.org" in the namespace "runtime-inference"`,
      reason: 'Forbidden',
      details: { group: 'kubeai.org', kind: 'models' },
      code: 403,
    });
  });

  it('words a cluster-scoped refusal and a refused non-resource path as kube-apiserver does', async () => {
    const namespaces = await kube.call('POST', '/api/v1/namespaces', {
      ...asPortal,
      body: namespace('mine'),
    });
    expect(namespaces.status).toBe(403);
    expect(namespaces.body.message).toBe(
      `namespaces is forbidden: User "${PORTAL}" cannot create resource "namespaces" in API group "" at the cluster scope`,
    );
    const metrics = await kube.call('GET', '/metrics', asPortal);
    expect(metrics.status).toBe(403);
    expect(metrics.body.message).toBe(
      `forbidden: User "${PORTAL}" cannot get path "/metrics"`,
    );
    expect(metrics.body.details).toEqual({});
  });

  it('allows what the shipped grants allow: reads everywhere, writes in team namespaces', async () => {
    expect(
      (await kube.call('GET', '/apis/kubeai.org/v1/models', asPortal)).status,
    ).toBe(200);
    expect(
      (await kube.call('GET', '/api/v1/namespaces/team-search', asPortal))
        .status,
    ).toBe(200);
    expect(
      (
        await kube.call(
          'GET',
          '/apis/apps/v1/deployments?watch=false',
          asPortal,
        )
      ).status,
    ).toBe(200);
    expect((await kube.call('GET', '/apis', asPortal)).status).toBe(200);
    const created = await kube.call(
      'POST',
      '/apis/kubeai.org/v1/namespaces/team-search/models',
      {
        ...asPortal,
        body: model('team-search', 'allowed-model'),
      },
    );
    expect(created.status).toBe(201);
    // Replacing a Model (update) is not granted, even in a team namespace: the portal patches.
    const replaced = await kube.call(
      'PUT',
      '/apis/kubeai.org/v1/namespaces/team-search/models/allowed-model',
      { ...asPortal, body: created.body },
    );
    expect(replaced.status).toBe(403);
    expect(replaced.body.message).toBe(
      `models.kubeai.org "allowed-model" is forbidden: User "${PORTAL}" cannot update resource "models" in API group "kubeai.org" in the namespace "team-search"`,
    );
    // Retiring one (runtime:inference-endpoint:delete) is granted there.
    const deleted = await kube.call(
      'DELETE',
      '/apis/kubeai.org/v1/namespaces/team-search/models/allowed-model',
      asPortal,
    );
    expect(deleted.status).toBe(200);
  });

  it("reads KubeAI's Service by name only, in KubeAI's namespace", async () => {
    expect(
      (
        await kube.call(
          'GET',
          '/api/v1/namespaces/runtime-inference/services/kubeai',
          asPortal,
        )
      ).status,
    ).toBe(200);
    const other = await kube.call(
      'GET',
      '/api/v1/namespaces/team-search/services/kubeai',
      asPortal,
    );
    expect(other.status).toBe(403);
    expect(other.body.details).toEqual({ name: 'kubeai', kind: 'services' });
  });

  it('authorizes pod logs as the pods/log subresource', async () => {
    // Allowed by the reader role; the sandbox serves no logs, so the request then finds nothing.
    expect(
      (
        await kube.call(
          'GET',
          '/api/v1/namespaces/team-search/pods/p/log',
          asPortal,
        )
      ).status,
    ).toBe(404);
    const exec = await kube.call(
      'GET',
      '/api/v1/namespaces/team-search/pods/p/exec',
      asPortal,
    );
    expect(exec.status).toBe(403);
    expect(exec.body.message).toBe(
      `pods "p" is forbidden: User "${PORTAL}" cannot get resource "pods/exec" in API group "" in the namespace "team-search"`,
    );
  });

  it('needs create as well when a server-side apply would create the object', async () => {
    await kube.call(
      'POST',
      '/apis/rbac.authorization.k8s.io/v1/namespaces/team-media/roles',
      {
        ...asAdmin,
        body: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: { name: 'patch-only', namespace: 'team-media' },
          rules: [
            {
              apiGroups: ['kubeai.org'],
              resources: ['models'],
              verbs: ['patch'],
            },
          ],
        },
      },
    );
    await kube.call(
      'DELETE',
      '/apis/rbac.authorization.k8s.io/v1/namespaces/team-media/rolebindings/runtime-portal-provisioner',
      asAdmin,
    );
    const bound = await kube.call(
      'POST',
      '/apis/rbac.authorization.k8s.io/v1/namespaces/team-media/rolebindings',
      {
        ...asAdmin,
        body: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: 'patch-only', namespace: 'team-media' },
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'Role',
            name: 'patch-only',
          },
          subjects: [
            {
              kind: 'ServiceAccount',
              name: 'runtime-portal',
              namespace: 'runtime-portal',
            },
          ],
        },
      },
    );
    expect(bound.status).toBe(201);
    const applied = await kube.call(
      'PATCH',
      '/apis/kubeai.org/v1/namespaces/team-media/models/applied?fieldManager=runtime-portal',
      {
        ...asPortal,
        body: model('team-media', 'applied'),
        contentType: 'application/apply-patch+yaml',
      },
    );
    expect(applied.status).toBe(403);
    expect(applied.body.message).toBe(
      'models.kubeai.org "applied" is forbidden: ',
    );
  });

  it('takes RBAC objects written through the API into account at once', async () => {
    const path = '/apis/kubeai.org/v1/namespaces/team-new/models';
    await kube.call('POST', '/api/v1/namespaces', {
      ...asAdmin,
      body: namespace('team-new'),
    });
    expect(
      (
        await kube.call('POST', path, {
          ...asPortal,
          body: model('team-new', 'm'),
        })
      ).status,
    ).toBe(403);
    const binding = await kube.call(
      'POST',
      '/apis/rbac.authorization.k8s.io/v1/namespaces/team-new/rolebindings',
      {
        ...asAdmin,
        body: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: {
            name: 'runtime-portal-provisioner',
            namespace: 'team-new',
          },
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: 'runtime-portal-provisioner',
          },
          subjects: [
            {
              kind: 'ServiceAccount',
              name: 'runtime-portal',
              namespace: 'runtime-portal',
            },
          ],
        },
      },
    );
    expect(binding.status).toBe(201);
    expect(
      (
        await kube.call('POST', path, {
          ...asPortal,
          body: model('team-new', 'm'),
        })
      ).status,
    ).toBe(201);
  });

  it('refuses an unknown token before authorization', async () => {
    expect(
      (await kube.call('GET', '/api/v1/namespaces', { token: 'nobody' }))
        .status,
    ).toBe(401);
  });
});
