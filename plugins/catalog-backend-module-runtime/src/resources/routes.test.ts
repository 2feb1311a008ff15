import { ConfigReader } from '@backstage/config';
import { RUNTIME_RESOURCE_DETAIL_ANNOTATIONS as D } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  APISIX_ROUTE_KIND,
  CERTIFICATE_KIND,
  CertManagerCertificate,
  KubernetesClient,
  KubernetesObject,
  RuntimeClients,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  EnvironmentSandbox,
  startEnvironmentSandbox,
} from '../__testUtils__/runtimeSandbox';
import { LiveResource } from './liveResourceEntity';
import { ROUTES_SOURCE } from './routes';

const labels = {
  'runtime-portal.io/owner': 'search-team',
  'runtime-portal.io/service': 'semantic-search',
};

function apisixRoute(
  name: string,
  host: string,
  extra: object = {},
): KubernetesObject {
  return {
    apiVersion: 'apisix.apache.org/v2',
    kind: 'ApisixRoute',
    metadata: { name, namespace: 'team-search', labels, ...extra },
    spec: {
      http: [
        {
          name: 'main',
          match: { hosts: [host], paths: ['/*'] },
          backends: [{ serviceName: 'semantic-search', servicePort: 8080 }],
        },
      ],
    },
  };
}

function certificate(name: string, host: string): KubernetesObject {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name, namespace: 'team-search', labels },
    spec: {
      secretName: `${name}-tls`,
      dnsNames: [host],
      issuerRef: {
        name: 'runtime-ca',
        kind: 'ClusterIssuer',
        group: 'cert-manager.io',
      },
    },
  };
}

describe('routes in the catalog', () => {
  let dev: EnvironmentSandbox;
  let portal: KubernetesClient;
  let admin: KubernetesClient;

  const clientOf = (config: object) =>
    RuntimeClients.fromConfig(
      new ConfigReader({ runtime: { environments: [config] } }),
    ).client('dev', 'kubernetes');

  /** The routes as the catalog's source maps them, from both kinds listed as the portal. */
  async function readRoutes(): Promise<LiveResource[]> {
    const { joined, toResource } = ROUTES_SOURCE;
    const certificates = [];
    for await (const c of portal.listAll(CERTIFICATE_KIND))
      certificates.push(c);
    const index = joined.index(certificates);
    const routes: LiveResource[] = [];
    for await (const route of portal.listAll(APISIX_ROUTE_KIND)) {
      routes.push(toResource(route, 'dev', joined.find(route, index)));
    }
    return routes;
  }

  /** Waits until cert-manager (the sandbox's controller) has made the Certificate Ready. */
  async function issued(name: string): Promise<CertManagerCertificate> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const live = await admin.get(CERTIFICATE_KIND, 'team-search', name);
      const ready = live?.status?.conditions?.find(c => c.type === 'Ready');
      if (ready?.status === 'True' && live?.status?.notAfter) return live;
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error(`Certificate ${name} was never issued`);
  }

  beforeAll(async () => {
    dev = await startEnvironmentSandbox();
    portal = clientOf(dev.config('dev'));
    admin = clientOf(dev.adminConfig('dev'));
    await admin.create(
      apisixRoute('search-api', 'search-api.apps.dev.runtime.local', {
        annotations: { 'runtime-portal.io/expires-at': '2030-01-01T00:00:00Z' },
      }),
    );
    await admin.create(
      certificate('search-api', 'search-api.apps.dev.runtime.local'),
    );
    // A route whose certificate has another name: found by its host.
    await admin.create(apisixRoute('docs', 'docs.apps.dev.runtime.local'));
    await admin.create(certificate('docs-cert', 'docs.apps.dev.runtime.local'));
    // A route without a certificate (plain HTTP).
    await admin.create(apisixRoute('plain', 'plain.apps.dev.runtime.local'));
  });
  afterAll(() => dev.close());

  it('reads each ApisixRoute with its URL, backend, owner and its certificate’s expiry and readiness', async () => {
    const searchApi = await issued('search-api');
    const docs = await issued('docs-cert');
    const routes = await readRoutes();
    const byName = Object.fromEntries(routes.map(r => [r.name, r]));
    expect(byName['search-api']).toEqual({
      environment: 'dev',
      type: 'route',
      scope: 'team-search',
      name: 'search-api',
      upstreamRef: 'team-search/search-api',
      hostComponent: 'apisix',
      area: 'network',
      ownerValue: 'search-team',
      ownerSource: 'label runtime-portal.io/owner',
      service: 'semantic-search',
      description:
        'APISIX route https://search-api.apps.dev.runtime.local to semantic-search:8080',
      details: {
        [D.routeUrl]: 'https://search-api.apps.dev.runtime.local',
        [D.routeBackend]: 'semantic-search:8080',
        [D.routeCertificateReady]: 'true',
        [D.routeCertificateExpiry]: searchApi.status!.notAfter,
      },
      expiresAt: '2030-01-01T00:00:00Z',
    });
    expect(Date.parse(searchApi.status!.notAfter!)).toBeGreaterThan(Date.now());
    expect(byName.docs.details[D.routeCertificateExpiry]).toBe(
      docs.status!.notAfter,
    );
    expect(byName.plain.details).toEqual({
      [D.routeUrl]: 'https://plain.apps.dev.runtime.local',
      [D.routeBackend]: 'semantic-search:8080',
    });
  });

  it('shows a certificate that is not ready as not ready', async () => {
    await admin.create(
      apisixRoute('pending', 'pending.apps.dev.runtime.local'),
    );
    await admin.create({
      ...certificate('pending', 'pending.apps.dev.runtime.local'),
      spec: {
        secretName: 'pending-tls',
        dnsNames: ['pending.apps.dev.runtime.local'],
        // An issuer that does not exist: cert-manager never issues it.
        issuerRef: {
          name: 'no-such-issuer',
          kind: 'ClusterIssuer',
          group: 'cert-manager.io',
        },
      },
    });
    const routes = await readRoutes();
    const pending = routes.find(r => r.name === 'pending');
    expect(pending?.details[D.routeCertificateReady]).toBe('false');
    expect(pending?.details[D.routeCertificateExpiry]).toBeUndefined();
  });
});
