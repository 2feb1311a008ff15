import { RUNTIME_EXPIRES_AT_ANNOTATION } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  APISIX_ROUTE_KIND,
  APISIX_TLS_KIND,
  ApisixRoute,
  ApisixTls,
  CERTIFICATE_KIND,
  CertManagerCertificate,
  DNS_ENDPOINT_KIND,
  ExternalDnsEndpoint,
  KubernetesKind,
  KubernetesObject,
  KubernetesObjectMeta,
  RouteSettings,
  apiVersionOf,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { ResourceClaim } from '../shared';
import { claimLabels } from '../claimedObject';

/** How long resolvers may cache the route's DNS record, in seconds. */
const RECORD_TTL_SECONDS = 300;

/** Where the gateway is reached: an IP (an A record) or a host name (a CNAME). */
export type GatewayAddress = { ip: string } | { hostname: string };

/** What a route is made of. */
export interface RouteTarget {
  name: string;
  namespace: string;
  host: string;
  serviceName: string;
  servicePort: number;
  claim: ResourceClaim;
  /** Recorded on new objects only (a re-run keeps the first run's expiry). */
  expiresAt?: string;
}

/** One object of a route with its kind, in the order they are written. */
export interface RouteObject {
  kind: KubernetesKind<KubernetesObject>;
  object: KubernetesObject;
}

/**
 * The kinds of a route's objects, in the order they are written (removed in reverse): the
 * ApisixRoute first, as it is what holds the host; the Certificate last, so a run that fails
 * before it has cert-manager issue nothing (cert-manager keeps an issued Secret when its
 * Certificate is deleted).
 */
const ROUTE_KINDS: ReadonlyArray<KubernetesKind<any>> = [
  APISIX_ROUTE_KIND,
  APISIX_TLS_KIND,
  DNS_ENDPOINT_KIND,
  CERTIFICATE_KIND,
];

/** The name of the TLS Secret cert-manager writes for a route's Certificate. */
function tlsSecretName(name: string): string {
  return `${name}-tls`;
}

/**
 * The objects of a route, all named `target.name` in the service's namespace and labelled with its
 * claim: the cert-manager Certificate for the host (its Secret `<name>-tls`, signed by the
 * configured ClusterIssuer), the ApisixTls serving that Secret for the host, the ApisixRoute that
 * sends every path of the host to the backend Service, and the ExternalDNS DNSEndpoint pointing the
 * host at the gateway.
 */
export function routeObjects(
  target: RouteTarget,
  routes: RouteSettings,
  gateway: GatewayAddress,
): RouteObject[] {
  const { name, namespace, host } = target;
  const metadata: KubernetesObjectMeta = {
    name,
    namespace,
    labels: {
      ...claimLabels(target.claim),
      'app.kubernetes.io/managed-by': 'runtime-portal',
    },
    ...(target.expiresAt
      ? { annotations: { [RUNTIME_EXPIRES_AT_ANNOTATION]: target.expiresAt } }
      : {}),
  };
  const ingressClass = routes.ingressClassName
    ? { ingressClassName: routes.ingressClassName }
    : {};
  const certificate: CertManagerCertificate = {
    apiVersion: apiVersionOf(CERTIFICATE_KIND),
    kind: CERTIFICATE_KIND.kind,
    metadata,
    spec: {
      secretName: tlsSecretName(name),
      dnsNames: [host],
      issuerRef: {
        name: routes.clusterIssuer,
        kind: 'ClusterIssuer',
        group: CERTIFICATE_KIND.group,
      },
    },
  };
  const tls: ApisixTls = {
    apiVersion: apiVersionOf(APISIX_TLS_KIND),
    kind: APISIX_TLS_KIND.kind,
    metadata,
    spec: {
      ...ingressClass,
      hosts: [host],
      secret: { name: tlsSecretName(name), namespace },
    },
  };
  const route: ApisixRoute = {
    apiVersion: apiVersionOf(APISIX_ROUTE_KIND),
    kind: APISIX_ROUTE_KIND.kind,
    metadata,
    spec: {
      ...ingressClass,
      http: [
        {
          name: 'main',
          match: { hosts: [host], paths: ['/*'] },
          backends: [
            {
              serviceName: target.serviceName,
              servicePort: target.servicePort,
            },
          ],
        },
      ],
    },
  };
  const dns: ExternalDnsEndpoint = {
    apiVersion: apiVersionOf(DNS_ENDPOINT_KIND),
    kind: DNS_ENDPOINT_KIND.kind,
    metadata,
    spec: {
      endpoints: [
        'ip' in gateway
          ? {
              dnsName: host,
              recordType: 'A',
              targets: [gateway.ip],
              recordTTL: RECORD_TTL_SECONDS,
            }
          : {
              dnsName: host,
              recordType: 'CNAME',
              targets: [gateway.hostname],
              recordTTL: RECORD_TTL_SECONDS,
            },
      ],
    },
  };
  const objects: Record<string, KubernetesObject> = {
    [CERTIFICATE_KIND.kind]: certificate,
    [APISIX_TLS_KIND.kind]: tls,
    [APISIX_ROUTE_KIND.kind]: route,
    [DNS_ENDPOINT_KIND.kind]: dns,
  };
  return ROUTE_KINDS.map(kind => ({ kind, object: objects[kind.kind] }));
}

/** The hosts an ApisixRoute matches (every HTTP rule's). */
export function routeHosts(route: ApisixRoute): string[] {
  return (route.spec?.http ?? []).flatMap(rule => rule.match?.hosts ?? []);
}
