import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { findResourceByPlural } from './resources';
import { TestKubernetes, namespace, startTestKubernetes } from './testUtils';

/**
 * The networking CRDs a route uses (APISIX Ingress Controller, cert-manager, ExternalDNS), served
 * from their upstream CRD files: discovery, and validation with the API server's 422 Status.
 */

const CRD_DIR = path.resolve(__dirname, 'crds');
const NETWORK_CRDS = [
  'apisix.apache.org_apisixroutes.yaml',
  'apisix.apache.org_apisixtlses.yaml',
  'cert-manager.io_certificates.yaml',
  'cert-manager.io_clusterissuers.yaml',
  'externaldns.k8s.io_dnsendpoints.yaml',
];
const ROUTES = '/apis/apisix.apache.org/v2/namespaces/team-a/apisixroutes';
const TLSES = '/apis/apisix.apache.org/v2/namespaces/team-a/apisixtlses';
const CERTIFICATES = '/apis/cert-manager.io/v1/namespaces/team-a/certificates';
const ISSUERS = '/apis/cert-manager.io/v1/clusterissuers';
const DNS_ENDPOINTS =
  '/apis/externaldns.k8s.io/v1alpha1/namespaces/team-a/dnsendpoints';

const route = (name: string, http: unknown[]) => ({
  apiVersion: 'apisix.apache.org/v2',
  kind: 'ApisixRoute',
  metadata: { name, namespace: 'team-a' },
  spec: { http },
});
const httpRule = (extra: Record<string, unknown> = {}) => ({
  name: 'main',
  match: { hosts: ['shop.apps.dev.runtime.local'], paths: ['/*'] },
  backends: [{ serviceName: 'shop', servicePort: 8080 }],
  ...extra,
});

describe('the networking CRDs', () => {
  let k8s: TestKubernetes;

  beforeAll(async () => {
    k8s = await startTestKubernetes();
    await k8s.server.insert([namespace('team-a')]);
  });
  afterAll(() => k8s.server.close());

  it.each(NETWORK_CRDS)(
    'serves %s with its names, scope and status subresource',
    async file => {
      const crd = yaml.parse(fs.readFileSync(path.join(CRD_DIR, file), 'utf8'));
      const [version] = crd.spec.versions;
      const resource = findResourceByPlural(
        crd.spec.group,
        version.name,
        crd.spec.names.plural,
      );
      expect(resource).toMatchObject({
        kind: crd.spec.names.kind,
        listKind: crd.spec.names.listKind,
        singular: crd.spec.names.singular,
        namespaced: crd.spec.scope === 'Namespaced',
        statusSubresource: Boolean(version.subresources?.status),
        custom: true,
      });
      expect(resource?.shortNames).toEqual(crd.spec.names.shortNames);
      const { body } = await k8s.call(
        'GET',
        `/apis/${crd.spec.group}/${version.name}`,
      );
      expect(body.resources.map((r: { name: string }) => r.name)).toEqual(
        expect.arrayContaining([
          crd.spec.names.plural,
          `${crd.spec.names.plural}/status`,
        ]),
      );
    },
  );

  it('creates a valid ApisixRoute with its defaults, and lists it across namespaces', async () => {
    const created = await k8s.call('POST', ROUTES, {
      body: route('shop', [httpRule()]),
    });
    expect(created.status).toBe(201);
    expect(created.body.spec.http[0].backends[0]).toEqual({
      serviceName: 'shop',
      servicePort: 8080,
    });
    const listed = await k8s.call(
      'GET',
      '/apis/apisix.apache.org/v2/apisixroutes',
    );
    expect(listed.body.kind).toBe('ApisixRouteList');
    expect(listed.body.items.map((i: any) => i.metadata.name)).toContain(
      'shop',
    );
  });

  it('refuses an ApisixRoute breaking its CEL rule, or its schema, with 422 Invalid', async () => {
    const { status, body } = await k8s.call('POST', ROUTES, {
      body: route('bad', [
        httpRule({
          match: {
            paths: ['/*'],
            exprs: [{ subject: { scope: 'Header' }, op: 'Equal', value: 'x' }],
          },
        }),
      ]),
    });
    expect(status).toBe(422);
    expect(body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Invalid',
      code: 422,
      details: { name: 'bad', group: 'apisix.apache.org', kind: 'ApisixRoute' },
    });
    expect(body.details.causes).toEqual([
      {
        field: 'spec.http[0].match.exprs[0].subject',
        reason: 'FieldValueInvalid',
        message:
          'Invalid value: "object": no such key: name evaluating rule: name is required when scope is not Path',
      },
    ]);
    const unnamed = await k8s.call('POST', ROUTES, {
      body: route('bad', [{ ...httpRule(), name: undefined }]),
    });
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.message).toBe(
      'ApisixRoute.apisix.apache.org "bad" is invalid: [spec.http[0].name: Required value, <nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation]',
    );
  });

  it('refuses an ApisixTls without hosts or secret', async () => {
    const { status, body } = await k8s.call('POST', TLSES, {
      body: {
        apiVersion: 'apisix.apache.org/v2',
        kind: 'ApisixTls',
        metadata: { name: 'bad', namespace: 'team-a' },
        spec: { hosts: [] },
      },
    });
    expect(status).toBe(422);
    expect(body.details.causes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'spec.hosts',
          reason: 'FieldValueInvalid',
        }),
        {
          field: 'spec.secret',
          reason: 'FieldValueRequired',
          message: 'Required value',
        },
      ]),
    );
  });

  it('creates a valid Certificate and refuses one with a bad key algorithm or no issuerRef', async () => {
    const certificate = (name: string, spec: Record<string, unknown>) => ({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name, namespace: 'team-a' },
      spec,
    });
    const good = await k8s.call('POST', CERTIFICATES, {
      body: certificate('shop', {
        secretName: 'shop-tls',
        dnsNames: ['shop.apps.dev.runtime.local'],
        issuerRef: { name: 'runtime-ca', kind: 'ClusterIssuer' },
      }),
    });
    expect(good.status).toBe(201);
    const bad = await k8s.call('POST', CERTIFICATES, {
      body: certificate('bad', {
        secretName: 'bad-tls',
        privateKey: { algorithm: 'DSA' },
      }),
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details.causes).toEqual(
      expect.arrayContaining([
        {
          field: 'spec.privateKey.algorithm',
          reason: 'FieldValueNotSupported',
          message:
            'Unsupported value: "DSA": supported values: "RSA", "ECDSA", "Ed25519"',
        },
        {
          field: 'spec.issuerRef',
          reason: 'FieldValueRequired',
          message: 'Required value',
        },
      ]),
    );
  });

  it('creates a cluster-scoped ClusterIssuer and refuses a wrongly typed one', async () => {
    const good = await k8s.call('POST', ISSUERS, {
      body: {
        apiVersion: 'cert-manager.io/v1',
        kind: 'ClusterIssuer',
        metadata: { name: 'test-ca' },
        spec: { ca: { secretName: 'test-ca' } },
      },
    });
    expect(good.status).toBe(201);
    expect(good.body.metadata.namespace).toBeUndefined();
    const bad = await k8s.call('POST', ISSUERS, {
      body: {
        apiVersion: 'cert-manager.io/v1',
        kind: 'ClusterIssuer',
        metadata: { name: 'bad' },
        spec: { ca: { secretName: 42 } },
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details.causes[0]).toEqual({
      field: 'spec.ca.secretName',
      reason: 'FieldValueTypeInvalid',
      message:
        'Invalid value: "integer": spec.ca.secretName in body must be of type string: "integer"',
    });
  });

  it('creates a DNSEndpoint and refuses a record TTL that is not a number', async () => {
    const endpoint = (name: string, recordTTL: unknown) => ({
      apiVersion: 'externaldns.k8s.io/v1alpha1',
      kind: 'DNSEndpoint',
      metadata: { name, namespace: 'team-a' },
      spec: {
        endpoints: [
          {
            dnsName: 'shop.apps.dev.runtime.local',
            recordType: 'A',
            recordTTL,
            targets: ['10.0.0.100'],
          },
        ],
      },
    });
    expect(
      (await k8s.call('POST', DNS_ENDPOINTS, { body: endpoint('shop', 300) }))
        .status,
    ).toBe(201);
    const bad = await k8s.call('POST', DNS_ENDPOINTS, {
      body: endpoint('bad', '5m'),
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details.causes[0]).toMatchObject({
      field: 'spec.endpoints[0].recordTTL',
      reason: 'FieldValueTypeInvalid',
    });
  });
});
