import crypto from 'node:crypto';
import { RuntimeSeed } from '../seed';

// Seeded users were "created" at a fixed instant: the sandbox answers the same on every start.
const SEED_TIMESTAMP = Date.UTC(2026, 0, 1);

/** A user of the realm, with the sandbox password the login page checks. */
export interface RealmUser {
  id: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  createdTimestamp: number;
  /** Ids of the groups the user is a direct member of. */
  groupIds: string[];
}

/** A group of the realm; `parentId` is set on a sub-group. */
export interface RealmGroup {
  id: string;
  name: string;
  path: string;
  parentId?: string;
}

/** The users and groups of one Keycloak realm, read by the login page, the token claims and the admin API. */
export class KeycloakRealm {
  readonly users: RealmUser[];
  readonly groups: RealmGroup[];

  constructor(readonly name: string, users: RealmUser[], groups: RealmGroup[]) {
    // Keycloak lists users by username and groups by name.
    this.users = [...users].sort((a, b) =>
      a.username.localeCompare(b.username),
    );
    this.groups = [...groups].sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * The realm of a seed: every seed user in its one group, and a group per team and per group a user
   * names (e.g. `platform-team`), all top-level.
   */
  static fromSeed(name: string, seed: RuntimeSeed): KeycloakRealm {
    const groupNames = new Set([
      ...seed.teams.map(team => team.name),
      ...(seed.users ?? []).map(user => user.group),
    ]);
    const groups = [...groupNames].map(groupName => ({
      id: stableUuid(`${name}/group/${groupName}`),
      name: groupName,
      path: `/${groupName}`,
    }));
    const users = (seed.users ?? []).map(user => ({
      id: stableUuid(`${name}/user/${user.username}`),
      username: user.username,
      firstName: user.firstName,
      lastName: user.lastName,
      email: user.email,
      password: user.password,
      createdTimestamp: SEED_TIMESTAMP,
      groupIds: [stableUuid(`${name}/group/${user.group}`)],
    }));
    return new KeycloakRealm(name, users, groups);
  }

  /** The user a login form names, by username or email as Keycloak accepts (case-insensitive). */
  findLogin(usernameOrEmail: string): RealmUser | undefined {
    const wanted = usernameOrEmail.trim().toLowerCase();
    return this.users.find(
      user =>
        user.username.toLowerCase() === wanted ||
        user.email.toLowerCase() === wanted,
    );
  }

  user(id: string): RealmUser | undefined {
    return this.users.find(user => user.id === id);
  }

  group(id: string): RealmGroup | undefined {
    return this.groups.find(group => group.id === id);
  }

  /** The direct sub-groups of a group, or the top-level groups for `undefined`. */
  children(parentId: string | undefined): RealmGroup[] {
    return this.groups.filter(group => group.parentId === parentId);
  }

  /** The direct members of a group. */
  members(groupId: string): RealmUser[] {
    return this.users.filter(user => user.groupIds.includes(groupId));
  }
}

/** A UUID derived from a name (the sandbox's ids are the same on every start). */
function stableUuid(name: string): string {
  const hex = crypto.createHash('sha1').update(name).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
