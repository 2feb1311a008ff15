import {
  RUNTIME_EXPIRES_AT_ANNOTATION,
  RUNTIME_OWNER_LABEL,
  RUNTIME_RESOURCE_DETAIL_ANNOTATIONS as D,
  RUNTIME_RESOURCE_TYPES,
  RUNTIME_SERVICE_LABEL,
  normalizeRuntimeExpiresAt,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  APISIX_ROUTE_KIND,
  ApisixRoute,
  CERTIFICATE_KIND,
  CertManagerCertificate,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { JoinedWatchedLiveResourceSource } from './joinedWatchedSource';
import { LiveResource } from './liveResourceEntity';

/** An environment's Certificates by namespace, each namespace's sorted by name. */
type CertificatesByNamespace = Map<string, CertManagerCertificate[]>;

function byNamespace(
  certificates: CertManagerCertificate[],
): CertificatesByNamespace {
  const index: CertificatesByNamespace = new Map();
  for (const certificate of certificates) {
    const namespace = certificate.metadata.namespace ?? '';
    const inNamespace = index.get(namespace);
    if (inNamespace) inNamespace.push(certificate);
    else index.set(namespace, [certificate]);
  }
  // The same choice, whatever order the watch saw them in, when two name a route's host.
  for (const inNamespace of index.values()) {
    inNamespace.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  }
  return index;
}

/** The host of a route: the first one its rules match. */
function hostOf(route: ApisixRoute): string | undefined {
  return (route.spec?.http ?? []).flatMap(rule => rule.match?.hosts ?? [])[0];
}

/** The Certificate of the same name in the route's namespace, else one there for its host. */
function certificateOf(
  route: ApisixRoute,
  certificates: CertificatesByNamespace,
): CertManagerCertificate | undefined {
  const { name, namespace = '' } = route.metadata;
  const inNamespace = certificates.get(namespace) ?? [];
  const host = hostOf(route);
  return (
    inNamespace.find(c => c.metadata.name === name) ??
    (host ? inNamespace.find(c => c.spec?.dnsNames?.includes(host)) : undefined)
  );
}

/** One ApisixRoute, with its Certificate if it has one, as a live resource. */
function routeOf(
  route: ApisixRoute,
  environment: string,
  certificate: CertManagerCertificate | undefined,
): LiveResource {
  const { name, namespace = '', labels = {}, annotations } = route.metadata;
  const host = hostOf(route);
  const backend = (route.spec?.http ?? []).flatMap(
    rule => rule.backends ?? [],
  )[0];
  const details: Record<string, string> = {};
  if (host) details[D.routeUrl] = `https://${host}`;
  if (backend) {
    details[D.routeBackend] = `${backend.serviceName}:${backend.servicePort}`;
  }
  if (certificate) {
    const ready = certificate.status?.conditions?.find(c => c.type === 'Ready');
    details[D.routeCertificateReady] = String(ready?.status === 'True');
    if (certificate.status?.notAfter) {
      details[D.routeCertificateExpiry] = certificate.status.notAfter;
    }
  }
  return {
    environment,
    type: RUNTIME_RESOURCE_TYPES.route,
    scope: namespace,
    name,
    upstreamRef: `${namespace}/${name}`,
    hostComponent: 'apisix',
    area: 'network',
    ownerValue: labels[RUNTIME_OWNER_LABEL],
    ownerSource: `label ${RUNTIME_OWNER_LABEL}`,
    service: labels[RUNTIME_SERVICE_LABEL],
    description: host
      ? `APISIX route https://${host}${
          backend ? ` to ${backend.serviceName}:${backend.servicePort}` : ''
        }`
      : `APISIX route ${namespace}/${name}`,
    details,
    expiresAt: normalizeRuntimeExpiresAt(
      annotations?.[RUNTIME_EXPIRES_AT_ANNOTATION],
    ),
  };
}

/**
 * The routes of an environment: every APISIX `ApisixRoute`, with its URL (`https://` and its first
 * host), its backend Service and, from the cert-manager `Certificate` of the same name in its
 * namespace (else one there whose `dnsNames` has the host), the certificate's expiry
 * (`status.notAfter`) and readiness (its `Ready` condition). Both kinds are watched cluster-wide
 * and joined in memory, so a certificate renewed or becoming ready changes its route's entity
 * although no ApisixRoute changed. A cluster that does not serve a kind (APISIX or cert-manager not
 * installed: the API server answers 404 for the collection) has none of it, not a failing source.
 */
export const ROUTES_SOURCE: JoinedWatchedLiveResourceSource<
  ApisixRoute,
  CertManagerCertificate,
  CertificatesByNamespace
> = {
  id: 'routes',
  type: RUNTIME_RESOURCE_TYPES.route,
  upstream: 'kubernetes',
  kind: APISIX_ROUTE_KIND,
  joined: { kind: CERTIFICATE_KIND, index: byNamespace, find: certificateOf },
  mayBeUnserved: true,
  toResource: routeOf,
};
