import { KeycloakRealm, RealmGroup, RealmUser } from './KeycloakRealm';

/**
 * A user as Keycloak's admin API answers it (UserRepresentation). The brief form, which the admin
 * console lists, leaves out `access`.
 */
export function userRepresentation(user: RealmUser, brief: boolean) {
  return {
    id: user.id,
    username: user.username,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    emailVerified: true,
    createdTimestamp: user.createdTimestamp,
    enabled: true,
    totp: false,
    disableableCredentialTypes: [],
    requiredActions: [],
    notBefore: 0,
    ...(brief
      ? {}
      : {
          access: {
            manageGroupMembership: false,
            view: true,
            mapRoles: false,
            impersonate: false,
            manage: false,
          },
        }),
  };
}

/**
 * A group as Keycloak (23 and later) answers it (GroupRepresentation): `subGroupCount` and an empty
 * `subGroups` (sub-groups come from `/groups/{id}/children`); the full form adds `attributes`,
 * `realmRoles`, `clientRoles` and `access`.
 */
export function groupRepresentation(
  realm: KeycloakRealm,
  group: RealmGroup,
  brief: boolean,
) {
  return {
    id: group.id,
    name: group.name,
    path: group.path,
    ...(group.parentId ? { parentId: group.parentId } : {}),
    subGroupCount: realm.children(group.id).length,
    subGroups: [],
    ...(brief
      ? {}
      : {
          attributes: {},
          realmRoles: [],
          clientRoles: {},
          access: {
            view: true,
            viewMembers: true,
            manageMembers: false,
            manage: false,
            manageMembership: false,
          },
        }),
  };
}
