import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadArgoCdAccessSettings } from './argoCdSettings';

/** A deploy/ directory holding the two ConfigMaps' data. */
function deployDir(
  rbacData: Record<string, string>,
  cmData: Record<string, string>,
  dirs: string[],
): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-argocd-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'argocd'));
  const write = (name: string, data: Record<string, string>) =>
    fs.writeFileSync(
      path.join(dir, 'argocd', `${name}.yaml`),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: 'argocd' },
        data,
      }),
    );
  write('argocd-rbac-cm', rbacData);
  write('argocd-cm', cmData);
  return dir;
}

describe("the Argo CD settings the sandbox's Argo CD reads from deploy/argocd", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('composes policy.csv and the policy.<name>.csv overlays in key order, with the default role and match mode', () => {
    const settings = loadArgoCdAccessSettings(
      deployDir(
        {
          'policy.b.csv': 'p, b, applications, get, */*, allow',
          'policy.csv': 'p, main, applications, get, */*, allow',
          'policy.a.csv': 'p, a, applications, get, */*, allow',
          'policy.default': 'role:readonly',
          'policy.matchMode': 'regex',
          scopes: '[groups]',
        },
        {},
        dirs,
      ),
    );
    expect(settings).toEqual({
      policyCsv: [
        'p, main, applications, get, */*, allow',
        'p, a, applications, get, */*, allow',
        'p, b, applications, get, */*, allow',
      ].join('\n'),
      defaultRole: 'role:readonly',
      matchMode: 'regex',
      apiKeyAccounts: [],
    });
  });

  it('keeps the enabled accounts with the apiKey capability', () => {
    const settings = loadArgoCdAccessSettings(
      deployDir(
        {},
        {
          'accounts.ci': 'login, apiKey',
          'accounts.alice': 'login',
          'accounts.old': 'apiKey',
          'accounts.old.enabled': 'false',
          'accounts.bot': 'apiKey',
          'accounts.bot.enabled': 'true',
          url: 'https://argocd.example.com',
        },
        dirs,
      ),
    );
    expect(settings).toMatchObject({
      policyCsv: '',
      defaultRole: '',
      matchMode: 'glob',
      apiKeyAccounts: ['bot', 'ci'],
    });
  });

  it('reads the shipped files: one API account, glob matching, no default role', () => {
    const settings = loadArgoCdAccessSettings();
    expect(settings.apiKeyAccounts).toEqual(['runtime-portal']);
    expect(settings.matchMode).toBe('glob');
    expect(settings.defaultRole).toBe('');
    expect(settings.policyCsv).toMatch(/^p, runtime-portal, /m);
  });
});
