import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  loadMinioPortalPolicy,
  loadOpenBaoPortalPolicy,
  loadShippedRbac,
  loadTeamNamespaceRbac,
} from './deployFiles';
import { PORTAL_IDENTITY } from './portalIdentity';

describe('the deploy/ files the sandbox grants from', () => {
  it('reads every object of every RBAC manifest, in file order, skipping empty documents', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-deploy-'));
    try {
      fs.mkdirSync(path.join(dir, 'rbac'));
      fs.writeFileSync(
        path.join(dir, 'rbac', 'b.yaml'),
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: second}\n',
      );
      fs.writeFileSync(
        path.join(dir, 'rbac', 'a.yaml'),
        '# only a comment\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: first, namespace: x}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: first, namespace: x}\n',
      );
      fs.writeFileSync(path.join(dir, 'rbac', 'notes.md'), 'not a manifest');
      expect(
        loadShippedRbac(dir).map(o => `${o.kind}/${o.metadata.name}`),
      ).toEqual(['Role/first', 'RoleBinding/first', 'ClusterRole/second']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("binds the repository's shipped roles to the portal's ServiceAccount", () => {
    const { namespace, name } = PORTAL_IDENTITY.serviceAccount;
    const bindings = [...loadShippedRbac(), ...loadTeamNamespaceRbac()].filter(
      o => o.kind.endsWith('Binding'),
    );
    expect(bindings.length).toBeGreaterThan(0);
    for (const binding of bindings) {
      expect(binding.subjects).toContainEqual(
        expect.objectContaining({ kind: 'ServiceAccount', name, namespace }),
      );
    }
    expect(loadOpenBaoPortalPolicy()).toMatch(/path "/);
    expect(
      JSON.parse(loadMinioPortalPolicy()).Statement.length,
    ).toBeGreaterThan(0);
  });
});
