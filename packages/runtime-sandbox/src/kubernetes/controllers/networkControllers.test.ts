import { X509Certificate } from 'node:crypto';
import { RuntimeSeed, loadSeed } from '../../seed';
import {
  DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
  DEFAULT_SANDBOX_CREDENTIALS,
} from '../../types';
import { TestKubernetes, eventually, startTestKubernetes } from '../testUtils';

/**
 * The networking controllers a route relies on, on a seeded Runtime: MetalLB's address for the
 * APISIX gateway, cert-manager's CA ClusterIssuer and Certificates, the APISIX Ingress
 * Controller's Accepted condition, ExternalDNS's observedGeneration; and what the portal's own
 * account may write (deploy/rbac).
 */

const NS = 'team-a';
const ROUTES = `/apis/apisix.apache.org/v2/namespaces/${NS}/apisixroutes`;
const TLSES = `/apis/apisix.apache.org/v2/namespaces/${NS}/apisixtlses`;
const CERTIFICATES = `/apis/cert-manager.io/v1/namespaces/${NS}/certificates`;
const DNS_ENDPOINTS = `/apis/externaldns.k8s.io/v1alpha1/namespaces/${NS}/dnsendpoints`;
const HOST = 'shop.apps.dev.runtime.local';
const admin = { token: DEFAULT_SANDBOX_ADMIN_CREDENTIALS.kubernetesToken };
const portal = { token: DEFAULT_SANDBOX_CREDENTIALS.kubernetesToken };

const full = loadSeed();
const seed: RuntimeSeed = {
  components: full.components.filter(c =>
    ['apisix', 'metallb', 'cert-manager', 'external-dns'].includes(c.name),
  ),
  teams: [{ name: 'team-a', namespace: NS, services: [] }],
};

const certificate = (name: string, issuer: string) => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name, namespace: NS },
  spec: {
    secretName: `${name}-tls`,
    dnsNames: [HOST],
    issuerRef: {
      name: issuer,
      kind: 'ClusterIssuer',
      group: 'cert-manager.io',
    },
  },
});

describe('the networking controllers', () => {
  let k8s: TestKubernetes;
  const get = async (path: string) => (await k8s.call('GET', path, admin)).body;

  beforeAll(async () => {
    k8s = await startTestKubernetes({
      seed,
      adminCredentials: DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
    });
  });
  afterAll(() => k8s.server.close());

  it('gives the seeded APISIX gateway an address from the MetalLB pool', async () => {
    const gateway = await get(
      '/api/v1/namespaces/runtime-network/services/apisix-gateway',
    );
    expect(gateway.spec.type).toBe('LoadBalancer');
    expect(gateway.spec.ports.map((p: { port: number }) => p.port)).toEqual([
      80, 443,
    ]);
    expect(gateway.status.loadBalancer.ingress).toEqual([
      { ip: '10.0.0.100', ipMode: 'VIP' },
    ]);
  });

  it('has the seeded CA ClusterIssuer runtime-ca Ready, signing with a real CA certificate', async () => {
    const issuer = await get(
      '/apis/cert-manager.io/v1/clusterissuers/runtime-ca',
    );
    expect(issuer.status.conditions).toEqual([
      expect.objectContaining({
        type: 'Ready',
        status: 'True',
        reason: 'KeyPairVerified',
        message: 'Signing CA verified',
        observedGeneration: 1,
      }),
    ]);
    const secret = await get(
      '/api/v1/namespaces/runtime-network/secrets/runtime-ca',
    );
    const ca = new X509Certificate(
      Buffer.from(secret.data['tls.crt'], 'base64'),
    );
    expect(ca.ca).toBe(true);
    expect(ca.subject).toBe('CN=runtime-ca');
  });

  it('issues a Certificate from a Ready ClusterIssuer into a kubernetes.io/tls Secret', async () => {
    const before = Date.now();
    expect(
      (
        await k8s.call('POST', CERTIFICATES, {
          ...admin,
          body: certificate('shop', 'runtime-ca'),
        })
      ).status,
    ).toBe(201);
    await k8s.server.controllersIdle();
    const issued = await get(`${CERTIFICATES}/shop`);
    expect(issued.status.conditions).toEqual([
      expect.objectContaining({
        type: 'Ready',
        status: 'True',
        reason: 'Ready',
        message: 'Certificate is up to date and has not expired',
        observedGeneration: 1,
      }),
    ]);
    expect(issued.status.revision).toBe(1);
    const notBefore = Date.parse(issued.status.notBefore);
    const notAfter = Date.parse(issued.status.notAfter);
    expect(notBefore).toBeGreaterThanOrEqual(before - 1000);
    expect(notAfter - notBefore).toBe(90 * 24 * 3_600_000);
    expect(Date.parse(issued.status.renewalTime)).toBe(
      notBefore + 60 * 24 * 3_600_000,
    );

    const secret = await get(`/api/v1/namespaces/${NS}/secrets/shop-tls`);
    expect(secret.type).toBe('kubernetes.io/tls');
    // --enable-certificate-owner-ref: the Certificate owns (and garbage-collects) its Secret.
    expect(secret.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        name: 'shop',
        uid: issued.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(secret.metadata.labels).toEqual({
      'controller.cert-manager.io/fao': 'true',
    });
    expect(secret.metadata.annotations).toMatchObject({
      'cert-manager.io/certificate-name': 'shop',
      'cert-manager.io/issuer-name': 'runtime-ca',
      'cert-manager.io/issuer-kind': 'ClusterIssuer',
      'cert-manager.io/alt-names': HOST,
    });
    const leaf = new X509Certificate(
      Buffer.from(secret.data['tls.crt'], 'base64'),
    );
    const ca = new X509Certificate(
      Buffer.from(secret.data['ca.crt'], 'base64'),
    );
    expect(leaf.checkHost(HOST)).toBe(HOST);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(Date.parse(leaf.validTo)).toBe(notAfter);
  });

  it("keeps a Certificate of a missing issuer Ready False with cert-manager's reason, and issues it once the issuer is Ready", async () => {
    await k8s.call('POST', CERTIFICATES, {
      ...admin,
      body: certificate('later', 'later-ca'),
    });
    await k8s.server.controllersIdle();
    const waiting = await get(`${CERTIFICATES}/later`);
    expect(waiting.status.conditions).toEqual([
      expect.objectContaining({
        type: 'Ready',
        status: 'False',
        reason: 'DoesNotExist',
        message: 'Issuing certificate as Secret does not exist',
      }),
      expect.objectContaining({
        type: 'Issuing',
        status: 'True',
        reason: 'DoesNotExist',
      }),
    ]);
    await k8s.call('POST', '/apis/cert-manager.io/v1/clusterissuers', {
      ...admin,
      body: {
        apiVersion: 'cert-manager.io/v1',
        kind: 'ClusterIssuer',
        metadata: { name: 'later-ca' },
        spec: { ca: { secretName: 'missing' } },
      },
    });
    await k8s.server.controllersIdle();
    const notReady = await get(
      '/apis/cert-manager.io/v1/clusterissuers/later-ca',
    );
    expect(notReady.status.conditions[0]).toMatchObject({
      status: 'False',
      reason: 'ErrGetKeyPair',
      message:
        'Error getting keypair for CA issuer: secret "missing" not found',
    });
    expect(
      (await get(`${CERTIFICATES}/later`)).status.conditions[0].status,
    ).toBe('False');
    await k8s.call(
      'PATCH',
      '/apis/cert-manager.io/v1/clusterissuers/later-ca',
      {
        ...admin,
        contentType: 'application/merge-patch+json',
        body: { spec: { ca: { secretName: 'runtime-ca' } } },
      },
    );
    const ready = await eventually(async () => {
      const c = await get(`${CERTIFICATES}/later`);
      return c.status?.conditions?.[0]?.status === 'True' ? c : undefined;
    });
    expect(
      ready.status.conditions.map((c: { type: string }) => c.type),
    ).toEqual(['Ready']);
  });

  it('accepts an ApisixRoute and an ApisixTls whose Secret exists, and reports an invalid route', async () => {
    const rule = (name: string) => ({
      name,
      match: { hosts: [HOST], paths: ['/*'] },
      backends: [{ serviceName: 'shop', servicePort: 8080 }],
    });
    const write = (path: string, body: unknown) =>
      k8s.call('POST', path, { ...admin, body });
    await write(ROUTES, {
      apiVersion: 'apisix.apache.org/v2',
      kind: 'ApisixRoute',
      metadata: { name: 'shop', namespace: NS },
      spec: { ingressClassName: 'apisix', http: [rule('main')] },
    });
    await write(ROUTES, {
      apiVersion: 'apisix.apache.org/v2',
      kind: 'ApisixRoute',
      metadata: { name: 'twice', namespace: NS },
      spec: { http: [rule('main'), rule('main')] },
    });
    await write(ROUTES, {
      apiVersion: 'apisix.apache.org/v2',
      kind: 'ApisixRoute',
      metadata: { name: 'other-class', namespace: NS },
      spec: { ingressClassName: 'nginx', http: [rule('main')] },
    });
    await write(TLSES, {
      apiVersion: 'apisix.apache.org/v2',
      kind: 'ApisixTls',
      metadata: { name: 'shop', namespace: NS },
      spec: { hosts: [HOST], secret: { name: 'shop-tls', namespace: NS } },
    });
    await write(TLSES, {
      apiVersion: 'apisix.apache.org/v2',
      kind: 'ApisixTls',
      metadata: { name: 'nosecret', namespace: NS },
      spec: { hosts: [HOST], secret: { name: 'nope', namespace: NS } },
    });
    await k8s.server.controllersIdle();
    expect((await get(`${ROUTES}/shop`)).status.conditions).toEqual([
      {
        type: 'Accepted',
        status: 'True',
        reason: 'Accepted',
        message: '',
        observedGeneration: 1,
        lastTransitionTime: expect.any(String),
      },
    ]);
    expect((await get(`${ROUTES}/twice`)).status.conditions[0]).toMatchObject({
      status: 'False',
      reason: 'InvalidSpec',
      message: 'duplicate route rule name',
    });
    expect((await get(`${ROUTES}/other-class`)).status).toBeUndefined();
    expect((await get(`${TLSES}/shop`)).status.conditions[0]).toMatchObject({
      status: 'True',
      reason: 'Accepted',
      message: 'The apisix tls has been accepted and synced to APISIX',
    });
    expect((await get(`${TLSES}/nosecret`)).status.conditions[0]).toMatchObject(
      {
        status: 'False',
        reason: 'InvalidSpec',
        message: `failed to get secret ${NS}/nope: secrets "nope" not found`,
      },
    );
  });

  it('marks a DNSEndpoint published with its generation', async () => {
    const endpoints = (target: string) => [
      { dnsName: HOST, recordType: 'A', targets: [target] },
    ];
    await k8s.call('POST', DNS_ENDPOINTS, {
      ...admin,
      body: {
        apiVersion: 'externaldns.k8s.io/v1alpha1',
        kind: 'DNSEndpoint',
        metadata: { name: 'shop', namespace: NS },
        spec: { endpoints: endpoints('10.0.0.100') },
      },
    });
    await k8s.server.controllersIdle();
    expect((await get(`${DNS_ENDPOINTS}/shop`)).status).toEqual({
      observedGeneration: 1,
    });
    await k8s.call('PATCH', `${DNS_ENDPOINTS}/shop`, {
      ...admin,
      contentType: 'application/merge-patch+json',
      body: { spec: { endpoints: endpoints('10.0.0.101') } },
    });
    await k8s.server.controllersIdle();
    expect((await get(`${DNS_ENDPOINTS}/shop`)).status).toEqual({
      observedGeneration: 2,
    });
  });

  it("lets the portal's account write route objects in a team namespace, and nothing it is not granted", async () => {
    const created = await k8s.call('POST', CERTIFICATES, {
      ...portal,
      body: certificate('portal', 'runtime-ca'),
    });
    expect(created.status).toBe(201);
    expect(
      (await k8s.call('GET', `${CERTIFICATES}/portal`, portal)).status,
    ).toBe(200);
    expect(
      (await k8s.call('GET', '/apis/apisix.apache.org/v2/apisixroutes', portal))
        .status,
    ).toBe(200);
    expect(
      (
        await k8s.call(
          'GET',
          '/api/v1/namespaces/runtime-network/services/apisix-gateway',
          portal,
        )
      ).status,
    ).toBe(200);
    expect(
      (await k8s.call('DELETE', `${CERTIFICATES}/portal`, portal)).status,
    ).toBe(200);
    const secret = await k8s.call(
      'GET',
      `/api/v1/namespaces/${NS}/secrets/shop-tls`,
      portal,
    );
    expect(secret.status).toBe(403);
    expect(secret.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `secrets "shop-tls" is forbidden: User "system:serviceaccount:runtime-portal:runtime-portal" cannot get resource "secrets" in API group "" in the namespace "${NS}"`,
      reason: 'Forbidden',
      details: { name: 'shop-tls', kind: 'secrets' },
      code: 403,
    });
    const issuer = await k8s.call(
      'POST',
      '/apis/cert-manager.io/v1/clusterissuers',
      {
        ...portal,
        body: {
          apiVersion: 'cert-manager.io/v1',
          kind: 'ClusterIssuer',
          metadata: { name: 'mine' },
          spec: { selfSigned: {} },
        },
      },
    );
    expect(issuer.status).toBe(403);
    expect(issuer.body.message).toBe(
      'clusterissuers.cert-manager.io is forbidden: User "system:serviceaccount:runtime-portal:runtime-portal" cannot create resource "clusterissuers" in API group "cert-manager.io" at the cluster scope',
    );
    const elsewhere = await k8s.call(
      'GET',
      '/api/v1/namespaces/runtime-network/services/apisix',
      portal,
    );
    expect(elsewhere.status).toBe(403);
  });

  it('redacts Secret values in the snapshot', async () => {
    const secret = await get(`/api/v1/namespaces/${NS}/secrets/shop-tls`);
    const { objects } = await k8s.server.snapshot();
    const snapshotted = objects[`v1 Secret ${NS}/shop-tls`] as any;
    const keyBytes = Buffer.from(secret.data['tls.key'], 'base64').length;
    expect(snapshotted.data['tls.key']).toBe(`<redacted: ${keyBytes} bytes>`);
    expect(JSON.stringify(objects)).not.toContain(secret.data['tls.key']);
  });
});
