import { X509Certificate, createPrivateKey, KeyObject } from 'node:crypto';
import { ApiServer } from '../ApiServer';
import { KubernetesObject } from '../objects';
import { resourceOfKind } from '../resources';

/** The kinds cert-manager's controllers read and write. */
export const CERTIFICATE = resourceOfKind('Certificate');
export const CLUSTER_ISSUER = resourceOfKind('ClusterIssuer');
export const SECRET = resourceOfKind('Secret');
const DEPLOYMENT = resourceOfKind('Deployment');
/** cert-manager's default `spec.duration` (`cmapi.DefaultCertificateDuration`): 90 days. */
export const DEFAULT_CERTIFICATE_DURATION_MS = 90 * 24 * 3_600_000;

/**
 * cert-manager's `--cluster-resource-namespace` (default: the namespace it runs in), where a
 * ClusterIssuer's Secrets live: the namespace of the `cert-manager` Deployment, else `cert-manager`.
 */
export function clusterResourceNamespace(api: ApiServer): string {
  const installed = api.store
    .all(DEPLOYMENT)
    .find(
      d => d.metadata?.labels?.['app.kubernetes.io/name'] === 'cert-manager',
    );
  return installed?.metadata?.namespace ?? 'cert-manager';
}

/** A Secret's data entry, decoded, or undefined. */
function secretData(
  secret: KubernetesObject | undefined,
  key: string,
): string | undefined {
  const value = (secret as Record<string, any> | undefined)?.data?.[key];
  return typeof value === 'string' && value
    ? Buffer.from(value, 'base64').toString('utf8')
    : undefined;
}

/** The certificate and key of a `kubernetes.io/tls` Secret; an Error says what is wrong. */
export function secretKeyPair(
  secret: KubernetesObject | undefined,
): { certificate: X509Certificate; key: KeyObject } | Error {
  const crt = secretData(secret, 'tls.crt');
  const key = secretData(secret, 'tls.key');
  if (!crt) return new Error('no certificate data');
  if (!key) return new Error('no private key data');
  try {
    return {
      certificate: new X509Certificate(crt),
      key: createPrivateKey(key),
    };
  } catch (error) {
    return error as Error;
  }
}

/**
 * A Go `time.ParseDuration` string (`2160h`, `1h30m`, `90m0s`) in milliseconds; undefined when it
 * does not parse.
 */
export function parseGoDuration(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const units: Record<string, number> = {
    h: 3_600_000,
    m: 60_000,
    s: 1000,
    ms: 1,
  };
  const pattern = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(pattern)) {
    total += Number(match[1]) * units[match[2]];
    consumed += match[0].length;
  }
  return consumed === text.length && consumed > 0 ? total : undefined;
}
