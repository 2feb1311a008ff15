import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  RESOURCE_TYPE_CATALOG_ENTITY,
} from '@backstage/plugin-catalog-common/alpha';
import { kubernetesProxyPermission } from '@backstage/plugin-kubernetes-common';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  runtimeDeliveryPermissions,
  runtimePermissions,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  resolveRuntimeCaller,
  RuntimeAccessConfig,
  RuntimeCaller,
} from '@runtime-portal/backstage-plugin-runtime-node';

/** Permissions only a platform admin holds: the cluster proxy and registering or removing entities. */
const ADMIN_ONLY = new Set(
  [
    kubernetesProxyPermission,
    catalogLocationCreatePermission,
    catalogLocationDeletePermission,
    catalogEntityCreatePermission,
    catalogEntityDeletePermission,
  ].map(p => p.name),
);

/** Provisioning: the action checks the owner it is given, the policy only that the user is in a team. */
const PROVISIONING = new Set(runtimePermissions.map(p => p.name));

/** Acting on one entity's live resources: only its owners. */
const OWNER_ONLY = new Set(runtimeDeliveryPermissions.map(p => p.name));

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The Runtime Portal's permission policy: platform admins may do everything; a team member may
 * provision, and act on the entities their team owns; the cluster proxy and catalog registration are
 * for platform admins; everything else (catalog reads among it) is allowed.
 *
 * @public
 */
export class RuntimePermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly options: {
      access: RuntimeAccessConfig;
      userInfo: UserInfoService;
    },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const name = permission.name;
    if (
      !ADMIN_ONLY.has(name) &&
      !PROVISIONING.has(name) &&
      !OWNER_ONLY.has(name)
    ) {
      return allow;
    }
    const caller = await this.callerOf(user);
    if (caller?.isPlatformAdmin) {
      return allow;
    }
    if (PROVISIONING.has(name)) {
      return caller?.ownershipEntityRefs.some(ref => ref.startsWith('group:'))
        ? allow
        : deny;
    }
    if (
      caller &&
      OWNER_ONLY.has(name) &&
      isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)
    ) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({
          claims: caller.ownershipEntityRefs,
        }),
      );
    }
    return deny;
  }

  /** The signed-in user behind the request; none for an unauthenticated one. */
  private async callerOf(
    user?: PolicyQueryUser,
  ): Promise<RuntimeCaller | undefined> {
    if (!user) {
      return undefined;
    }
    return resolveRuntimeCaller(
      this.options.userInfo,
      this.options.access,
      user.credentials,
    );
  }
}
