import { X509Certificate } from 'node:crypto';
import { ApiServer } from '../ApiServer';
import { StoreEvent } from '../ObjectStore';
import { KubernetesObject } from '../objects';
import { issueCertificateSecret } from './certificateIssuing';
import {
  CERTIFICATE,
  CLUSTER_ISSUER,
  SECRET,
  parseGoDuration,
  secretKeyPair,
} from './certManagerSupport';
import {
  Condition,
  conditionIsTrue,
  kubernetesTime,
  removeCondition,
  setCondition,
} from './conditions';
import { ControllerRuntime } from './ControllerRuntime';
import { queueKey, writeStatus } from './controllerSupport';

const MANAGER = 'cert-manager-certificates-readiness';

/** Why a Certificate needs issuing (`internal/controller/certificates/policies`), or undefined. */
function issuingReason(
  certificate: KubernetesObject,
  secret: KubernetesObject | undefined,
  now: Date,
): { reason: string; message: string } | undefined {
  if (!secret) {
    return {
      reason: 'DoesNotExist',
      message: 'Issuing certificate as Secret does not exist',
    };
  }
  const pair = secretKeyPair(secret);
  if (pair instanceof Error) {
    return {
      reason: 'MissingData',
      message: `Issuing certificate as Secret does not contain ${
        pair.message === 'no certificate data'
          ? 'a certificate'
          : 'a private key'
      }`,
    };
  }
  const annotations = secret.metadata?.annotations ?? {};
  const issuer = certificate.spec.issuerRef;
  if (
    annotations['cert-manager.io/issuer-name'] !== issuer.name ||
    annotations['cert-manager.io/issuer-kind'] !== (issuer.kind ?? 'Issuer')
  ) {
    return {
      reason: 'IncorrectIssuer',
      message: `Issuing certificate as Secret was previously issued by "${
        annotations['cert-manager.io/issuer-kind'] ?? ''
      }.${annotations['cert-manager.io/issuer-group'] ?? ''}/${
        annotations['cert-manager.io/issuer-name'] ?? ''
      }"`,
    };
  }
  const violations = specViolations(certificate, pair.certificate);
  if (violations.length > 0) {
    return {
      reason: 'SecretMismatch',
      message: `Issuing certificate as Existing issued Secret is not up to date for spec: [${violations.join(
        ' ',
      )}]`,
    };
  }
  const notAfter = new Date(pair.certificate.validTo);
  if (notAfter <= now) {
    return {
      reason: 'Expired',
      message: `Certificate expired on ${notAfter
        .toUTCString()
        .replace('GMT', 'UTC')}`,
    };
  }
  return undefined;
}

/** The spec fields the issued certificate no longer matches (as `SecretMismatch` lists them). */
function specViolations(
  certificate: KubernetesObject,
  issued: X509Certificate,
): string[] {
  const spec = certificate.spec;
  const sans = (issued.subjectAltName ?? '').split(', ').filter(Boolean);
  const of = (prefix: string) =>
    sans
      .filter(s => s.startsWith(prefix))
      .map(s => s.slice(prefix.length))
      .sort();
  const same = (a: string[] = [], b: string[]) =>
    JSON.stringify([...a].sort()) === JSON.stringify(b);
  const violations: string[] = [];
  const commonName = /(?:^|\n)CN=([^\n]*)/.exec(issued.subject)?.[1];
  if ((spec.commonName ?? undefined) !== commonName)
    violations.push('spec.commonName');
  if (!same(spec.dnsNames, of('DNS:'))) violations.push('spec.dnsNames');
  if (!same(spec.ipAddresses, of('IP Address:')))
    violations.push('spec.ipAddresses');
  if (!same(spec.uris, of('URI:'))) violations.push('spec.uris');
  if (Boolean(spec.isCA) !== issued.ca) violations.push('spec.isCA');
  return violations;
}

/** cert-manager's `pki.RenewalTime`: `renewBefore` (default a third of the lifetime) before notAfter. */
function renewalTime(
  notBefore: Date,
  notAfter: Date,
  spec: Record<string, any>,
): Date {
  const lifetime = notAfter.getTime() - notBefore.getTime();
  let renewBefore = lifetime / 3;
  const override = parseGoDuration(spec.renewBefore);
  if (override !== undefined && override < lifetime) renewBefore = override;
  if (spec.renewBeforePercentage !== undefined) {
    renewBefore = (lifetime * spec.renewBeforePercentage) / 100;
  }
  const at = notAfter.getTime() - renewBefore;
  return new Date(at - (at % 1000));
}

/**
 * A stand-in for cert-manager v1.16's certificate controllers (trigger, issuing through the
 * CertificateRequest the issuer signs, readiness), collapsed into one reconcile:
 *
 * - while the Secret `spec.secretName` is missing or stale (the trigger policies' reasons
 *   `DoesNotExist`, `MissingData`, `IncorrectIssuer`, `SecretMismatch`, `Expired`), `Issuing` and
 *   `Ready` False carry that reason and message, which is all a Certificate shows while its
 *   issuer is missing or not Ready;
 * - once `spec.issuerRef` names a Ready ClusterIssuer (selfSigned or CA), the Certificate is
 *   issued: a new private key (spec.privateKey), a real X.509 certificate for
 *   `spec.duration` (default 90 days, cut at the CA's own expiry) written to the
 *   `kubernetes.io/tls` Secret with cert-manager's labels and annotations and the Certificate as
 *   its controller owner, as cert-manager does with `--enable-certificate-owner-ref` (off by
 *   default upstream; the Runtime runs with it so a retired route leaves no Secret);
 * - then `Ready` True (`Ready`, "Certificate is up to date and has not expired"), `Issuing`
 *   removed, `revision` counted, `notBefore`/`notAfter` read from the certificate and
 *   `renewalTime` from `pki.RenewalTime` (two thirds of the way by default).
 *
 * Renewal at `renewalTime` is not scheduled: the sandbox never runs that long.
 */
export class CertificateController {
  constructor(
    private readonly api: ApiServer,
    private readonly runtime: ControllerRuntime,
  ) {}

  /** Reacts to a store change. */
  handle(event: StoreEvent) {
    const { namespace, name } = event.object.metadata ?? {};
    if (event.resource === CERTIFICATE && event.type !== 'DELETED') {
      this.enqueue(namespace!, name!);
    } else if (event.resource === SECRET && namespace) {
      for (const certificate of this.api.store.all(CERTIFICATE, namespace)) {
        if (certificate.spec?.secretName === name) {
          this.enqueue(namespace, certificate.metadata!.name!);
        }
      }
    } else if (event.resource === CLUSTER_ISSUER) {
      for (const certificate of this.api.store.all(CERTIFICATE)) {
        const ref = certificate.spec?.issuerRef;
        if (ref?.kind === 'ClusterIssuer' && ref.name === name) {
          this.enqueue(
            certificate.metadata!.namespace!,
            certificate.metadata!.name!,
          );
        }
      }
    }
  }

  private enqueue(namespace: string, name: string) {
    this.runtime.enqueue(queueKey(CERTIFICATE, namespace, name), () =>
      this.reconcile(namespace, name),
    );
  }

  private readyIssuer(certificate: KubernetesObject) {
    const ref = certificate.spec.issuerRef ?? {};
    if (ref.kind !== 'ClusterIssuer') return undefined;
    if ((ref.group ?? 'cert-manager.io') !== 'cert-manager.io')
      return undefined;
    const issuer = this.api.store.get(CLUSTER_ISSUER, undefined, ref.name);
    return issuer && conditionIsTrue(issuer.status, 'Ready')
      ? issuer
      : undefined;
  }

  private reconcile(namespace: string, name: string) {
    const certificate = this.api.store.get(CERTIFICATE, namespace, name);
    if (!certificate?.spec) return;
    const now = this.api.now();
    const secret = this.api.store.get(
      SECRET,
      namespace,
      certificate.spec.secretName,
    );
    const needed = issuingReason(certificate, secret, now);
    const issuer = needed ? this.readyIssuer(certificate) : undefined;
    if (needed && issuer) {
      // As the issuing controller: the Secret, then the next revision and no more Issuing. The
      // Secret's event brings this Certificate back to be marked Ready.
      issueCertificateSecret(this.api, certificate, issuer, secret, now);
      writeStatus(
        this.api,
        CERTIFICATE,
        certificate,
        {
          ...certificate.status,
          conditions: removeCondition(
            certificate.status?.conditions,
            'Issuing',
          ),
          revision: (certificate.status?.revision ?? 0) + 1,
        },
        'cert-manager-certificates-issuing',
      );
      return;
    }
    const generation = certificate.metadata?.generation;
    const status = { ...certificate.status };
    let conditions = (status.conditions ?? []) as Condition[];
    if (needed) {
      const condition = { ...needed, observedGeneration: generation };
      conditions = setCondition(
        conditions,
        { type: 'Ready', status: 'False', ...condition },
        now,
      );
      conditions = setCondition(
        conditions,
        { type: 'Issuing', status: 'True', ...condition },
        now,
      );
      writeStatus(
        this.api,
        CERTIFICATE,
        certificate,
        { ...status, conditions },
        MANAGER,
      );
      return;
    }
    const issued = secretKeyPair(secret) as { certificate: X509Certificate };
    const notBefore = new Date(issued.certificate.validFrom);
    const notAfter = new Date(issued.certificate.validTo);
    conditions = setCondition(
      conditions,
      {
        type: 'Ready',
        status: 'True',
        reason: 'Ready',
        message: 'Certificate is up to date and has not expired',
        observedGeneration: generation,
      },
      now,
    );
    writeStatus(
      this.api,
      CERTIFICATE,
      certificate,
      {
        ...status,
        conditions,
        notBefore: kubernetesTime(notBefore),
        notAfter: kubernetesTime(notAfter),
        renewalTime: kubernetesTime(
          renewalTime(notBefore, notAfter, certificate.spec),
        ),
      },
      MANAGER,
    );
  }
}
