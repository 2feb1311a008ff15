import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  RuntimeCaller,
  groupRef,
  requireActFor,
  resolveRuntimeCaller,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { RuntimeActionDeps } from './deps';
import { SYSTEM_RUN_INITIATOR, SystemRunReason } from './run';

/** Who a provisioning run acts as, once {@link authorizeProvisioning} has let it through. */
export interface ProvisioningAccess {
  /**
   * The signed-in user running the action, their teams, and whether they are a platform admin; for a
   * system run, the portal ({@link SYSTEM_CALLER}: no teams, not an admin).
   */
  caller: RuntimeCaller;
  /** Set when the portal runs the action itself (`systemRun`): why. */
  system?: SystemRunReason;
}

/** The caller of a system run: the portal, acting for no team and administering nothing. */
const SYSTEM_CALLER: RuntimeCaller = Object.freeze({
  userEntityRef: SYSTEM_RUN_INITIATOR,
  ownershipEntityRefs: [],
  isPlatformAdmin: false,
});

/** What a run claims to act on: the owning team, the service and, if any, the namespace. */
export interface ProvisioningTarget {
  environment: string;
  owner: string;
  service: string;
  namespace?: string;
  signal?: AbortSignal;
}

/**
 * Checks that the caller may provision for `target` before anything reaches an upstream: the caller
 * is a signed-in user who is a member of the owner (or a platform admin); the service, if the catalog
 * has it as `component:default/<service>`, is owned by that owner (a service not in the catalog yet,
 * e.g. one a template is creating, is allowed: the upstream claim checks still protect what exists);
 * and the namespace, if given, is one of the owner's. Each refusal is a `NotAllowedError` saying why.
 *
 * The catalog is read with the module's own service credentials, not the caller's: a caller the
 * catalog's permission policy hides another team's component from must not see it as absent (and so
 * as free to take).
 */
export async function authorizeProvisioning(
  deps: RuntimeActionDeps,
  credentials: BackstageCredentials,
  target: ProvisioningTarget,
): Promise<ProvisioningAccess> {
  const caller = await resolveRuntimeCaller(
    deps.userInfo,
    deps.access,
    credentials,
  );
  requireActFor(caller, target.owner);
  await requireOwnersTarget(deps, target);
  return { caller };
}

/**
 * The checks of {@link authorizeProvisioning} that do not depend on the caller, for a run the portal
 * makes itself (`systemRun`): the service, if the catalog has it, is the owner's, and the namespace,
 * if given, is one of the owner's. The upstream claim checks in `provision` still follow.
 */
export async function authorizeSystemRun(
  deps: RuntimeActionDeps,
  target: ProvisioningTarget,
  system: SystemRunReason,
): Promise<ProvisioningAccess> {
  await requireOwnersTarget(deps, target);
  return { caller: SYSTEM_CALLER, system };
}

/** Refuses a service or namespace that is not the owner's. */
async function requireOwnersTarget(
  deps: RuntimeActionDeps,
  target: ProvisioningTarget,
): Promise<void> {
  await requireServiceOwner(deps, target.owner, target.service);
  if (target.namespace !== undefined) {
    await deps.teamNamespaces.requireTeamNamespace(
      target.environment,
      target.owner,
      target.namespace,
      { signal: target.signal },
    );
  }
}

/** Refuses a service the catalog has as another team's component. */
async function requireServiceOwner(
  deps: RuntimeActionDeps,
  owner: string,
  service: string,
): Promise<void> {
  const entityRef = `component:default/${service}`;
  const component = await deps.catalog.getEntityByRef(entityRef, {
    credentials: await deps.auth.getOwnServiceCredentials(),
  });
  if (!component) return;
  const team = groupRef(owner);
  const found = ownerRef(component.spec?.owner);
  if (found !== team) {
    throw new NotAllowedError(
      `Not allowed: service ${service} (${entityRef}) is owned by ${
        found ?? 'nobody'
      }, not ${team}`,
    );
  }
}

/** A component's `spec.owner` as a group entity ref, or `undefined` if it names no group. */
function ownerRef(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return groupRef(value);
  } catch {
    return value;
  }
}
