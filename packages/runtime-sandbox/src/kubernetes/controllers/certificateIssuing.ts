import { createPublicKey } from 'node:crypto';
import { ApiServer } from '../ApiServer';
import { KubernetesObject, clone } from '../objects';
import {
  encodePrivateKey,
  generatePrivateKey,
  signCertificate,
} from './certManagerX509';
import {
  DEFAULT_CERTIFICATE_DURATION_MS,
  SECRET,
  clusterResourceNamespace,
  parseGoDuration,
  secretKeyPair,
} from './certManagerSupport';

const MANAGER = 'cert-manager-certificates-issuing';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** Who signs for the issuer: the CA Secret's pair, or nobody (self-signed). */
function issuerSigner(api: ApiServer, issuer: KubernetesObject) {
  if (!issuer.spec?.ca) return undefined;
  const pair = secretKeyPair(
    api.store.get(
      SECRET,
      clusterResourceNamespace(api),
      issuer.spec.ca.secretName,
    ),
  );
  if (pair instanceof Error) throw pair;
  return pair;
}

/** cert-manager's `certificateDataAnnotationsForSecret` plus the issuer annotations. */
function secretAnnotations(
  certificate: KubernetesObject,
): Record<string, string> {
  const spec = certificate.spec;
  const ref = spec.issuerRef;
  return {
    'cert-manager.io/alt-names': (spec.dnsNames ?? []).join(','),
    'cert-manager.io/certificate-name': certificate.metadata!.name!,
    'cert-manager.io/common-name': spec.commonName ?? '',
    'cert-manager.io/ip-sans': (spec.ipAddresses ?? []).join(','),
    'cert-manager.io/issuer-group': ref.group ?? '',
    'cert-manager.io/issuer-kind': ref.kind ?? 'Issuer',
    'cert-manager.io/issuer-name': ref.name,
    'cert-manager.io/uri-sans': (spec.uris ?? []).join(','),
  };
}

/**
 * Issues `certificate` from its Ready ClusterIssuer and writes the `kubernetes.io/tls` Secret
 * `spec.secretName` as cert-manager's issuing controller does (`tls.crt`, `tls.key`, `ca.crt`;
 * label `controller.cert-manager.io/fao`, the data annotations, `spec.secretTemplate`), creating
 * it or replacing the data of the one there.
 */
export function issueCertificateSecret(
  api: ApiServer,
  certificate: KubernetesObject,
  issuer: KubernetesObject,
  existing: KubernetesObject | undefined,
  now: Date,
) {
  const spec = certificate.spec;
  const signer = issuerSigner(api, issuer);
  const key = generatePrivateKey(spec.privateKey);
  const notBefore = new Date(now.getTime() - (now.getTime() % 1000));
  const duration =
    parseGoDuration(spec.duration) ?? DEFAULT_CERTIFICATE_DURATION_MS;
  let notAfter = new Date(notBefore.getTime() + duration);
  if (signer && new Date(signer.certificate.validTo) < notAfter) {
    notAfter = new Date(signer.certificate.validTo);
  }
  const pem = signCertificate(
    {
      commonName: spec.commonName,
      dnsNames: spec.dnsNames ?? [],
      ipAddresses: spec.ipAddresses ?? [],
      uris: spec.uris ?? [],
      isCA: Boolean(spec.isCA),
      notBefore,
      notAfter,
      publicKey: createPublicKey(key),
    },
    signer ? { key: signer.key, certificate: signer.certificate } : { key },
  );
  const caPem = signer ? signer.certificate.toString() : pem;
  const template = spec.secretTemplate ?? {};
  const metadata = {
    ...(existing ? clone(existing).metadata : {}),
    name: spec.secretName,
    namespace: certificate.metadata!.namespace,
    // The Runtime's cert-manager runs with --enable-certificate-owner-ref (deploy/README.md), so a
    // retired route's Secret is garbage-collected with its Certificate (upstream's
    // metav1.NewControllerRef: controller and blockOwnerDeletion set).
    ownerReferences: [
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        name: certificate.metadata!.name!,
        uid: certificate.metadata!.uid!,
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
    labels: {
      ...existing?.metadata?.labels,
      ...template.labels,
      'controller.cert-manager.io/fao': 'true',
    },
    annotations: {
      ...existing?.metadata?.annotations,
      ...template.annotations,
      ...secretAnnotations(certificate),
    },
  };
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata,
    type: 'kubernetes.io/tls',
    data: {
      'ca.crt': base64(caPem),
      'tls.crt': base64(pem),
      'tls.key': base64(encodePrivateKey(key, spec.privateKey?.encoding)),
    },
  };
  const namespace = certificate.metadata!.namespace;
  if (existing) {
    api.replace(SECRET, namespace, spec.secretName, secret, {
      manager: MANAGER,
    });
  } else {
    api.create(SECRET, namespace, secret, { manager: MANAGER });
  }
}
