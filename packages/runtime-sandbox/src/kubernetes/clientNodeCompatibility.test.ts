import {
  ApiException,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObject as ClientObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import {
  TEST_TOKEN,
  TestKubernetes,
  model,
  namespace,
  startTestKubernetes,
} from './testUtils';

function kubeConfigFor(url: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser(
    { name: 'sandbox', server: url, skipTLSVerify: true },
    { name: 'portal', token: TEST_TOKEN },
  );
  return kc;
}

/** The sandbox must work with the official client as it is, discovery included. */
describe('@kubernetes/client-node against the sandbox', () => {
  let k8s: TestKubernetes;
  let objects: KubernetesObjectApi;

  beforeAll(async () => {
    k8s = await startTestKubernetes();
    await k8s.server.insert([namespace('team-a')]);
    objects = KubernetesObjectApi.makeApiClient(kubeConfigFor(k8s.server.url));
  });

  afterAll(() => k8s.server.close());

  it('creates, reads, applies, lists and deletes a Model through KubernetesObjectApi', async () => {
    const created = await objects.create<ClientObject>(
      model('team-a', 'llama'),
    );
    expect(created.metadata?.uid).toBeDefined();

    const read = await objects.read({
      apiVersion: 'kubeai.org/v1',
      kind: 'Model',
      metadata: { name: 'llama', namespace: 'team-a' },
    });
    expect((read as any).spec.engine).toBe('VLLM');

    const applied = await objects.patch(
      model(
        'team-a',
        'llama',
        { maxReplicas: 2 },
        { 'runtime-portal.io/owner': 'team-a' },
      ),
      undefined,
      undefined,
      'runtime-portal',
      true,
      PatchStrategy.ServerSideApply,
    );
    expect(applied.metadata?.labels).toMatchObject({
      'runtime-portal.io/owner': 'team-a',
    });

    const list = await objects.list('kubeai.org/v1', 'Model', 'team-a');
    expect(list.items.map(i => i.metadata?.name)).toEqual(['llama']);

    await objects.delete({
      apiVersion: 'kubeai.org/v1',
      kind: 'Model',
      metadata: { name: 'llama', namespace: 'team-a' },
    });
    await expect(
      objects.read({
        apiVersion: 'kubeai.org/v1',
        kind: 'Model',
        metadata: { name: 'llama', namespace: 'team-a' },
      }),
    ).rejects.toMatchObject({ code: 404 });
  });

  it('surfaces the Status of a failed create as an ApiException', async () => {
    await objects.create(model('team-a', 'dup'));
    const error = await objects.create(model('team-a', 'dup')).catch(e => e);
    expect(error).toBeInstanceOf(ApiException);
    expect(error.code).toBe(409);
    expect(JSON.parse(error.body)).toMatchObject({ reason: 'AlreadyExists' });
  });

  it('pages a label-selected list through CustomObjectsApi', async () => {
    await k8s.server.insert([
      model('team-a', 'p1', {}, { page: 'yes' }),
      model('team-a', 'p2', {}, { page: 'yes' }),
      model('team-a', 'p3', {}, { page: 'yes' }),
    ]);
    const api = kubeConfigFor(k8s.server.url).makeApiClient(CustomObjectsApi);
    const request = {
      group: 'kubeai.org',
      version: 'v1',
      namespace: 'team-a',
      plural: 'models',
      labelSelector: 'page=yes',
      limit: 2,
    };
    const first = await api.listNamespacedCustomObject(request);
    const second = await api.listNamespacedCustomObject({
      ...request,
      _continue: first.metadata.continue,
    });
    expect(
      [...first.items, ...second.items].map((i: any) => i.metadata.name),
    ).toEqual(['p1', 'p2', 'p3']);
  });
});
