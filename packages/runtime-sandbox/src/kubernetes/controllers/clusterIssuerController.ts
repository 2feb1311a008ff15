import { ApiServer } from '../ApiServer';
import { StoreEvent } from '../ObjectStore';
import { KubernetesObject } from '../objects';
import { Condition, setCondition } from './conditions';
import { ControllerRuntime } from './ControllerRuntime';
import {
  CLUSTER_ISSUER,
  SECRET,
  clusterResourceNamespace,
  secretKeyPair,
} from './certManagerSupport';
import { queueKey, writeStatus } from './controllerSupport';

const MANAGER = 'cert-manager-clusterissuers';
const MESSAGE_ERROR_GET_KEY_PAIR = 'Error getting keypair for CA issuer: ';

/** The Ready condition cert-manager v1.16 gives a ClusterIssuer (`pkg/issuer/<type>/setup.go`). */
function readiness(
  api: ApiServer,
  issuer: KubernetesObject,
): Omit<Condition, 'observedGeneration'> | undefined {
  if (issuer.spec?.selfSigned) {
    return { type: 'Ready', status: 'True', reason: 'IsReady', message: '' };
  }
  const secretName = issuer.spec?.ca?.secretName;
  if (!secretName) return undefined; // ACME, Vault, Venafi: not simulated, never Ready.
  const secret = api.store.get(
    SECRET,
    clusterResourceNamespace(api),
    secretName,
  );
  if (!secret) {
    return {
      type: 'Ready',
      status: 'False',
      reason: 'ErrGetKeyPair',
      message: `${MESSAGE_ERROR_GET_KEY_PAIR}secret "${secretName}" not found`,
    };
  }
  const pair = secretKeyPair(secret);
  if (pair instanceof Error) {
    return {
      type: 'Ready',
      status: 'False',
      reason: 'ErrGetKeyPair',
      message: `${MESSAGE_ERROR_GET_KEY_PAIR}${pair.message}`,
    };
  }
  if (!pair.certificate.ca) {
    return {
      type: 'Ready',
      status: 'False',
      reason: 'ErrInvalidKeyPair',
      message: `${MESSAGE_ERROR_GET_KEY_PAIR}certificate is not a CA`,
    };
  }
  return {
    type: 'Ready',
    status: 'True',
    reason: 'KeyPairVerified',
    message: 'Signing CA verified',
  };
}

/**
 * A stand-in for cert-manager's clusterissuers controller (v1.16): a `selfSigned` ClusterIssuer is
 * Ready at once (reason `IsReady`); a `ca` one is Ready (`KeyPairVerified`, "Signing CA verified")
 * when `spec.ca.secretName` in the cluster resource namespace holds a CA certificate and its key,
 * and otherwise Ready False (`ErrGetKeyPair` / `ErrInvalidKeyPair`, upstream's messages). It is
 * checked again whenever a Secret of that namespace changes. Other issuer types get no status.
 */
export class ClusterIssuerController {
  constructor(
    private readonly api: ApiServer,
    private readonly runtime: ControllerRuntime,
  ) {}

  /** Reacts to a store change. */
  handle(event: StoreEvent) {
    if (event.resource === CLUSTER_ISSUER && event.type !== 'DELETED') {
      this.enqueue(event.object.metadata!.name!);
    } else if (
      event.resource === SECRET &&
      event.object.metadata?.namespace === clusterResourceNamespace(this.api)
    ) {
      for (const issuer of this.api.store.all(CLUSTER_ISSUER)) {
        if (issuer.spec?.ca?.secretName === event.object.metadata?.name) {
          this.enqueue(issuer.metadata!.name!);
        }
      }
    }
  }

  private enqueue(name: string) {
    this.runtime.enqueue(queueKey(CLUSTER_ISSUER, undefined, name), () =>
      this.reconcile(name),
    );
  }

  private reconcile(name: string) {
    const issuer = this.api.store.get(CLUSTER_ISSUER, undefined, name);
    if (!issuer?.spec) return;
    const ready = readiness(this.api, issuer);
    if (!ready) return;
    const conditions = setCondition(
      issuer.status?.conditions,
      { ...ready, observedGeneration: issuer.metadata?.generation },
      this.api.now(),
    );
    writeStatus(
      this.api,
      CLUSTER_ISSUER,
      issuer,
      { ...issuer.status, conditions },
      MANAGER,
    );
  }
}
