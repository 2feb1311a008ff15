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
  KubernetesClient,
  KubernetesKind,
  KubernetesObject,
  isRuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { LiveResource } from './liveResourceEntity';

/**
 * The routes of an environment: every APISIX `ApisixRoute`, with its URL (`https://` and its first
 * host), its backend Service and, from the cert-manager `Certificate` of the same name in its
 * namespace (else one there whose `dnsNames` has the host), the certificate's expiry
 * (`status.notAfter`) and readiness (its `Ready` condition). Both kinds are listed cluster-wide,
 * page by page, on every refresh: a route's entity joins two objects, and a certificate renewed
 * or becoming ready changes no ApisixRoute, so a watch of one kind would miss it.
 */
export async function readApisixRoutes(
  kubernetes: KubernetesClient,
  environment: string,
  signal?: AbortSignal,
): Promise<LiveResource[]> {
  const certificates = new Map<string, CertManagerCertificate[]>();
  for (const certificate of await listInstalled(
    kubernetes,
    CERTIFICATE_KIND,
    signal,
  )) {
    const namespace = certificate.metadata.namespace ?? '';
    certificates.set(namespace, [
      ...(certificates.get(namespace) ?? []),
      certificate,
    ]);
  }
  const routes = await listInstalled(kubernetes, APISIX_ROUTE_KIND, signal);
  return routes.map(route => routeOf(route, environment, certificates));
}

/**
 * Every object of `kind`; none when the cluster does not serve the kind (its CRD is not installed:
 * the API server answers 404 for the collection), so an environment without APISIX or cert-manager
 * has no routes rather than a failing source.
 */
async function listInstalled<T extends KubernetesObject>(
  kubernetes: KubernetesClient,
  kind: KubernetesKind<T>,
  signal?: AbortSignal,
): Promise<T[]> {
  const objects: T[] = [];
  try {
    for await (const object of kubernetes.listAll(kind, { signal })) {
      objects.push(object);
    }
  } catch (error) {
    if (isRuntimeUpstreamError(error, 'NotFound')) return [];
    throw error;
  }
  return objects;
}

function routeOf(
  route: ApisixRoute,
  environment: string,
  certificates: Map<string, CertManagerCertificate[]>,
): LiveResource {
  const { name, namespace = '', labels = {}, annotations } = route.metadata;
  const rules = route.spec?.http ?? [];
  const host = rules.flatMap(rule => rule.match?.hosts ?? [])[0];
  const backend = rules.flatMap(rule => rule.backends ?? [])[0];
  const inNamespace = certificates.get(namespace) ?? [];
  const certificate =
    inNamespace.find(c => c.metadata.name === name) ??
    (host
      ? inNamespace.find(c => c.spec?.dnsNames?.includes(host))
      : undefined);
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
