import { parse } from 'yaml';
import {
  ManifestObject,
  buildManifests,
  only,
  readDeployFile,
  readYamlObjects,
} from './__testUtils__/deployManifests';
import { RBAC_USES, RbacScope } from './__testUtils__/rbacUsage';
import { pluginSources } from './__testUtils__/sourceCalls';
import * as runtimeNode from '@runtime-portal/backstage-plugin-runtime-node';

const built = buildManifests();
const manifests = built.map(m => m.object);
const [teamBinding] = readYamlObjects('team-namespace/rolebinding.yaml');
const serviceAccount = only(built, 'ServiceAccount');
const appConfig = parse(readDeployFile('app-config.kubernetes.yaml'));

const roles = manifests.filter(o => ['ClusterRole', 'Role'].includes(o.kind));
const rules = roles.flatMap(role =>
  (role.rules as any[]).map(rule => ({ role, rule })),
);

function boundToPortal(binding: ManifestObject) {
  return (binding.subjects as any[]).some(
    s =>
      s.kind === 'ServiceAccount' &&
      s.name === serviceAccount.metadata.name &&
      s.namespace === serviceAccount.metadata.namespace,
  );
}

/** Where a role's grants apply, from the bindings that give it to the portal's account. */
function scopesOf(role: ManifestObject): RbacScope[] {
  const bindings = [...manifests, teamBinding].filter(
    b =>
      ['ClusterRoleBinding', 'RoleBinding'].includes(b.kind) &&
      b.roleRef.kind === role.kind &&
      b.roleRef.name === role.metadata.name &&
      boundToPortal(b),
  );
  return bindings.map(binding => {
    if (binding.kind === 'ClusterRoleBinding') return 'cluster';
    if (binding === teamBinding) return 'team-namespaces';
    if (
      binding.metadata.namespace ===
      appConfig.runtime.environments[0].kubeai.namespace
    ) {
      return 'kubeai-namespace';
    }
    if (
      binding.metadata.namespace ===
      (appConfig.runtime.environments[0].routes?.gateway?.namespace ??
        'runtime-network')
    ) {
      return 'gateway-namespace';
    }
    throw new Error(
      `unexpected binding ${binding.kind} ${binding.metadata.name}`,
    );
  });
}

const key = (
  scope: string,
  group: string,
  resource: string,
  verb: string,
  names?: string[],
) =>
  `${scope} ${group || 'core'}/${resource} ${verb}${
    names ? ` [${names.join(',')}]` : ''
  }`;

describe('the RBAC in deploy/rbac', () => {
  it('never grants a wildcard, Secrets, non-resource URLs or privilege verbs', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const { rule } of rules) {
      for (const field of [
        'apiGroups',
        'resources',
        'verbs',
        'resourceNames',
      ]) {
        for (const value of rule[field] ?? []) expect(value).not.toContain('*');
      }
      expect(
        rule.resources.filter((r: string) => /^secrets(\/|$)/.test(r)),
      ).toEqual([]);
      expect(rule.nonResourceURLs).toBeUndefined();
      for (const verb of [
        'escalate',
        'bind',
        'impersonate',
        'update',
        'deletecollection',
      ]) {
        expect(rule.verbs).not.toContain(verb);
      }
    }
    for (const role of roles) expect(role.aggregationRule).toBeUndefined();
  });

  it('binds the writer only in team namespaces, never cluster-wide', () => {
    const provisioner = only(
      built,
      'ClusterRole',
      'runtime-portal-provisioner',
    );
    expect(scopesOf(provisioner)).toEqual(['team-namespaces']);
    expect(teamBinding.kind).toBe('RoleBinding');
    expect(
      scopesOf(only(built, 'ClusterRole', 'runtime-portal-reader')),
    ).toEqual(['cluster']);
  });

  it('grants exactly the calls the code makes, nothing more, nothing less', () => {
    const granted = new Set(
      rules.flatMap(({ role, rule }) =>
        scopesOf(role).flatMap(scope =>
          (rule.apiGroups as string[]).flatMap(group =>
            (rule.resources as string[]).flatMap(resource =>
              (rule.verbs as string[]).map(verb =>
                key(scope, group, resource, verb, rule.resourceNames),
              ),
            ),
          ),
        ),
      ),
    );
    const used = new Set(
      RBAC_USES.flatMap(use =>
        use.verbs.map(verb =>
          key(use.scope, use.group, use.resource, verb, use.resourceNames),
        ),
      ),
    );
    expect([...granted].sort()).toEqual([...used].sort());
  });

  it('says on every rule which code needs it', () => {
    for (const file of [
      'rbac/cluster-reader.yaml',
      'rbac/team-provisioner.yaml',
      'rbac/kubeai-service-reader.yaml',
      'rbac/gateway-service-reader.yaml',
    ]) {
      const text = readDeployFile(file);
      const ruleLines = text
        .split('\n')
        .filter(l => /^ {2}- apiGroups:/.test(l));
      const commented = text
        .split('\n')
        .filter(
          (l, i, all) =>
            /^ {2}- apiGroups:/.test(l) && /^\s*#/.test(all[i - 1] ?? ''),
        );
      expect([file, commented.length]).toEqual([file, ruleLines.length]);
    }
    for (const use of RBAC_USES) expect(use.why.length).toBeGreaterThan(10);
  });

  it('covers every Kubernetes kind the plugins use, and no other', () => {
    // The kind constants of runtime-node (MODEL_KIND, ...), as the plugins' code names them.
    const kinds = new Map(
      Object.entries(runtimeNode).filter(([name]) =>
        /^[A-Z_]+_KIND$/.test(name),
      ),
    ) as Map<string, runtimeNode.KubernetesKind<any>>;
    const definitions = [
      'plugins/runtime-node/src/index.ts',
      'plugins/runtime-node/src/kubernetes/index.ts',
      'plugins/runtime-node/src/kubernetes/kinds.ts',
    ];
    const referenced = new Set(
      pluginSources(/_KIND\b/)
        .filter(({ file }) => !definitions.includes(file))
        .flatMap(({ text }) =>
          [...text.matchAll(/\b([A-Z_]+_KIND)\b/g)].map(m => m[1]),
        )
        .filter(name => kinds.has(name))
        .map(
          name =>
            `${kinds.get(name)!.group || 'core'}/${kinds.get(name)!.plural}`,
        ),
    );
    expect(referenced.size).toBeGreaterThan(3);
    const granted = new Set(
      RBAC_USES.filter(use => use.caller === 'runtime').map(
        use => `${use.group || 'core'}/${use.resource}`,
      ),
    );
    expect([...granted].sort()).toEqual([...referenced].sort());
  });
});
