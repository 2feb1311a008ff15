import { Config } from '@backstage/config';
import { RUNTIME_COMPONENTS } from '@runtime-portal/backstage-plugin-runtime-common';
import { RouteSettings } from './types';

/** A DNS label (RFC 1123): lowercase letters, digits and `-`, at most 63 characters. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** The longest DNS name (RFC 1035), without the trailing dot. */
const MAX_DNS_NAME = 253;

/**
 * The namespace the platform model installs APISIX in: where the gateway Service is looked for
 * unless an environment's `routes.gateway.namespace` says otherwise.
 *
 * @public
 */
export const DEFAULT_ROUTE_GATEWAY_NAMESPACE =
  RUNTIME_COMPONENTS.find(c => c.id === 'apisix')?.namespace ??
  'runtime-network';

/**
 * The name of APISIX's gateway Service (the Helm chart's `<release>-gateway`) unless an
 * environment's `routes.gateway.service` says otherwise.
 *
 * @public
 */
export const DEFAULT_ROUTE_GATEWAY_SERVICE = 'apisix-gateway';

/**
 * Whether `name` is a DNS name of at least two labels (`apps.example.com`), lowercase, without a
 * trailing dot or a wildcard.
 *
 * @public
 */
export function isDnsName(name: string): boolean {
  const labels = name.split('.');
  return (
    name.length <= MAX_DNS_NAME &&
    labels.length >= 2 &&
    labels.every(label => DNS_LABEL.test(label))
  );
}

/**
 * Reads an environment's `routes` block (where `runtime:route:expose` may publish hosts): `domains`
 * (DNS names, at least one, the first the default), `clusterIssuer` (required), `ingressClassName`
 * (optional) and `gateway` (`namespace`, `service`: whose LoadBalancer IP the DNS records point to,
 * by default APISIX's namespace and `apisix-gateway`). `undefined` without the block; a bad value
 * throws an error naming the key.
 *
 * @public
 */
export function readRoutes(
  c: Config | undefined,
  key: string,
): RouteSettings | undefined {
  if (!c) return undefined;
  const domains = c.getStringArray('domains');
  if (domains.length === 0) {
    throw new Error(
      `Invalid config at '${key}.domains': list at least one domain`,
    );
  }
  domains.forEach((domain, index) => {
    if (!isDnsName(domain)) {
      throw new Error(
        `Invalid config at '${key}.domains[${index}]': '${domain}' is not a DNS name such as apps.example.com (lowercase labels, no wildcard, no trailing dot)`,
      );
    }
    if (domains.indexOf(domain) !== index) {
      throw new Error(
        `Invalid config at '${key}.domains[${index}]': '${domain}' is listed twice`,
      );
    }
  });
  const clusterIssuer = c.getOptionalString('clusterIssuer');
  if (!clusterIssuer) {
    throw new Error(
      `Missing required config value at '${key}.clusterIssuer': the cert-manager ClusterIssuer that signs route certificates`,
    );
  }
  requireName(clusterIssuer, `${key}.clusterIssuer`, 'a ClusterIssuer name');
  const ingressClassName = c.getOptionalString('ingressClassName');
  if (ingressClassName !== undefined) {
    requireName(
      ingressClassName,
      `${key}.ingressClassName`,
      'an IngressClass name',
    );
  }
  const gateway = c.getOptionalConfig('gateway');
  const namespace =
    gateway?.getOptionalString('namespace') ?? DEFAULT_ROUTE_GATEWAY_NAMESPACE;
  const service =
    gateway?.getOptionalString('service') ?? DEFAULT_ROUTE_GATEWAY_SERVICE;
  requireLabel(namespace, `${key}.gateway.namespace`, 'a namespace name');
  requireLabel(service, `${key}.gateway.service`, 'a Service name');
  return {
    domains,
    clusterIssuer,
    ...(ingressClassName !== undefined ? { ingressClassName } : {}),
    gateway: { namespace, service },
  };
}

function requireLabel(value: string, key: string, what: string) {
  if (!DNS_LABEL.test(value)) {
    throw new Error(
      `Invalid config at '${key}': '${value}' is not ${what} (a DNS label: lowercase letters, digits and '-')`,
    );
  }
}

/** A Kubernetes object name that may contain dots (a DNS subdomain). */
function requireName(value: string, key: string, what: string) {
  if (
    value.length > MAX_DNS_NAME ||
    !value.split('.').every(label => DNS_LABEL.test(label))
  ) {
    throw new Error(
      `Invalid config at '${key}': '${value}' is not ${what} (lowercase letters, digits, '-' and '.')`,
    );
  }
}
