import { SeedComponent } from '../seed';
import { KubernetesObject } from './objects';

/**
 * The network area's objects a Runtime installed with Helm has besides its components' workloads,
 * as the upstream charts and cert-manager's documented CA bootstrap make them:
 *
 * - with `apisix`: the APISIX chart's gateway Service `apisix-gateway` (type LoadBalancer, `http`
 *   80 → 9080 and `tls` 443 → 9443) in APISIX's namespace; MetalLB gives it its address;
 * - with `cert-manager`: the ClusterIssuer `selfsigned-issuer`, the CA Certificate `runtime-ca`
 *   (`isCA`, ECDSA P-256) it issues into the Secret `runtime-ca` in cert-manager's namespace, and
 *   the CA ClusterIssuer `runtime-ca` signing with it, which routes' Certificates name.
 */

/** The gateway Service routes' DNS records point at (`routes.gateway` in the portal's config). */
const GATEWAY_SERVICE_NAME = 'apisix-gateway';
/** The ClusterIssuer routes' Certificates are issued by (`routes.clusterIssuer`). */
const ROUTE_CLUSTER_ISSUER = 'runtime-ca';
const BOOTSTRAP_ISSUER = 'selfsigned-issuer';

function gatewayService(apisix: SeedComponent): KubernetesObject {
  const selector = {
    'app.kubernetes.io/name': apisix.name,
    'app.kubernetes.io/instance': apisix.name,
  };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: GATEWAY_SERVICE_NAME,
      namespace: apisix.namespace,
      labels: {
        ...selector,
        'app.kubernetes.io/version': apisix.version,
        'app.kubernetes.io/service': 'apisix-gateway',
        'app.kubernetes.io/part-of': 'runtime',
        'app.kubernetes.io/managed-by': 'Helm',
      },
    },
    spec: {
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Cluster',
      selector,
      ports: [
        { name: 'apisix-gateway', port: 80, targetPort: 9080, protocol: 'TCP' },
        {
          name: 'apisix-gateway-tls',
          port: 443,
          targetPort: 9443,
          protocol: 'TCP',
        },
      ],
    },
  };
}

function certManagerObjects(certManager: SeedComponent): KubernetesObject[] {
  return [
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: BOOTSTRAP_ISSUER },
      spec: { selfSigned: {} },
    },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: {
        name: ROUTE_CLUSTER_ISSUER,
        namespace: certManager.namespace,
      },
      spec: {
        isCA: true,
        commonName: ROUTE_CLUSTER_ISSUER,
        secretName: ROUTE_CLUSTER_ISSUER,
        duration: '87600h',
        privateKey: { algorithm: 'ECDSA', size: 256 },
        issuerRef: {
          name: BOOTSTRAP_ISSUER,
          kind: 'ClusterIssuer',
          group: 'cert-manager.io',
        },
      },
    },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: ROUTE_CLUSTER_ISSUER },
      spec: { ca: { secretName: ROUTE_CLUSTER_ISSUER } },
    },
  ];
}

/** The gateway Service and the issuers of the seed's network components (none without them). */
export function seedNetworkObjects(
  components: SeedComponent[],
): KubernetesObject[] {
  const apisix = components.find(c => c.name === 'apisix');
  const certManager = components.find(c => c.name === 'cert-manager');
  return [
    ...(apisix ? [gatewayService(apisix)] : []),
    ...(certManager ? certManagerObjects(certManager) : []),
  ];
}
