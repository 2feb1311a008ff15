import { KubernetesCondition, KubernetesObject } from './types';

/**
 * An APISIX `ApisixRoute` (`apisix.apache.org/v2`, apache/apisix-ingress-controller): the fields
 * of its HTTP rules the portal writes and reads.
 *
 * @public
 */
export interface ApisixRoute extends KubernetesObject {
  spec: {
    ingressClassName?: string;
    http?: Array<{
      name: string;
      match: { hosts?: string[]; paths: string[]; methods?: string[] };
      backends?: Array<{
        serviceName: string;
        servicePort: number | string;
        weight?: number;
      }>;
      [field: string]: unknown;
    }>;
    [field: string]: unknown;
  };
  status?: { conditions?: KubernetesCondition[] };
}

/**
 * An APISIX `ApisixTls` (`apisix.apache.org/v2`): the hosts it serves and the TLS Secret.
 *
 * @public
 */
export interface ApisixTls extends KubernetesObject {
  spec: {
    ingressClassName?: string;
    hosts: string[];
    secret: { name: string; namespace: string };
    [field: string]: unknown;
  };
  status?: { conditions?: KubernetesCondition[] };
}

/**
 * A cert-manager `Certificate` (`cert-manager.io/v1`): what the portal writes and the status it
 * reads (Ready condition, `notAfter`).
 *
 * @public
 */
export interface CertManagerCertificate extends KubernetesObject {
  spec: {
    secretName: string;
    dnsNames?: string[];
    issuerRef: { name: string; kind?: string; group?: string };
    [field: string]: unknown;
  };
  status?: {
    conditions?: KubernetesCondition[];
    notBefore?: string;
    notAfter?: string;
    renewalTime?: string;
    [field: string]: unknown;
  };
}

/**
 * An ExternalDNS `DNSEndpoint` (`externaldns.k8s.io/v1alpha1`): the records it asks ExternalDNS
 * to publish.
 *
 * @public
 */
export interface ExternalDnsEndpoint extends KubernetesObject {
  spec: {
    endpoints?: Array<{
      dnsName: string;
      recordType: string;
      targets: string[];
      recordTTL?: number;
      [field: string]: unknown;
    }>;
  };
  status?: { observedGeneration?: number };
}
