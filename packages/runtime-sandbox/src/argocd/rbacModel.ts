/**
 * Argo CD's Casbin model (argoproj/argo-cd `assets/model.conf`): a request is (subject, resource,
 * action, object); a policy line adds an effect; subjects inherit roles through `g`; every token is
 * compared with `globOrRegexMatch` (the match mode's function); access is granted when some
 * matching line allows and none denies.
 */
export const ARGOCD_RBAC_MODEL = `
[request_definition]
r = sub, res, act, obj

[policy_definition]
p = sub, res, act, obj, eft

[role_definition]
g = _, _

[policy_effect]
e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

[matchers]
m = g(r.sub, p.sub) && globOrRegexMatch(r.res, p.res) && globOrRegexMatch(r.act, p.act) && globOrRegexMatch(r.obj, p.obj)
`;

/** What `role:readonly` may `get`, with the object pattern of each resource. */
const READONLY_GETS: Record<string, string> = {
  applications: '*/*',
  applicationsets: '*/*',
  certificates: '*',
  clusters: '*',
  repositories: '*',
  'write-repositories': '*',
  projects: '*',
  accounts: '*',
  gpgkeys: '*',
  logs: '*/*',
};

/** What `role:admin` may do besides `role:readonly`'s: resource, actions, object pattern. */
const ADMIN_GRANTS: Array<[string, string[], string]> = [
  [
    'applications',
    [
      'create',
      'update',
      'update/*',
      'delete',
      'delete/*',
      'sync',
      'rollback',
      'override',
      'action/*',
    ],
    '*/*',
  ],
  ['applicationsets', ['get', 'create', 'update', 'delete'], '*/*'],
  ['certificates', ['create', 'update', 'delete'], '*'],
  ['clusters', ['create', 'update', 'delete'], '*'],
  ['repositories', ['create', 'update', 'delete'], '*'],
  ['write-repositories', ['create', 'update', 'delete'], '*'],
  ['projects', ['create', 'update', 'delete'], '*'],
  ['accounts', ['update'], '*'],
  ['gpgkeys', ['create', 'delete'], '*'],
  ['exec', ['create'], '*/*'],
];

/**
 * Argo CD's built-in policy (argoproj/argo-cd `assets/builtin-policy.csv`), loaded before the
 * user-defined one: `role:readonly` gets everything, `role:admin` also writes and inherits
 * `role:readonly`, and the built-in `admin` account is `role:admin`.
 */
export const ARGOCD_BUILTIN_POLICY = [
  ...Object.entries(READONLY_GETS).map(
    ([resource, object]) =>
      `p, role:readonly, ${resource}, get, ${object}, allow`,
  ),
  ...ADMIN_GRANTS.flatMap(([resource, actions, object]) =>
    actions.map(
      action => `p, role:admin, ${resource}, ${action}, ${object}, allow`,
    ),
  ),
  'g, role:admin, role:readonly',
  'g, admin, role:admin',
].join('\n');
