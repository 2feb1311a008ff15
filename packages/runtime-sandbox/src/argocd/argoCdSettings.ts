import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';

// eslint-disable-next-line no-restricted-syntax
const HERE = __dirname;

/** The repository's `deploy/` directory (the sandbox runs from source). */
const DEFAULT_DEPLOY_DIR = path.resolve(HERE, '../../../../deploy');

/**
 * What the sandbox's Argo CD takes from the portal's Argo CD settings in `deploy/argocd/`: the RBAC
 * of `argocd-rbac-cm.yaml` and the local accounts of `argocd-cm.yaml`, read as Argo CD reads its
 * ConfigMaps of those names.
 */
export interface ArgoCdAccessSettings {
  /** `policy.csv` with every other `policy.<name>.csv` appended in key order (`rbac.PolicyCSV`). */
  policyCsv: string;
  /** `policy.default`: the role every authenticated subject has; empty for none. */
  defaultRole: string;
  /** `policy.matchMode`: `regex`, else `glob`. */
  matchMode: 'glob' | 'regex';
  /** The enabled local accounts with the `apiKey` capability (`accounts.<name>: apiKey`). */
  apiKeyAccounts: string[];
}

/** Reads `deploy/argocd/argocd-rbac-cm.yaml` and `deploy/argocd/argocd-cm.yaml` (or those of `deployDir`). */
export function loadArgoCdAccessSettings(
  deployDir = DEFAULT_DEPLOY_DIR,
): ArgoCdAccessSettings {
  const rbac = readConfigMapData(deployDir, 'argocd-rbac-cm');
  const settings = readConfigMapData(deployDir, 'argocd-cm');
  return {
    policyCsv: composePolicyCsv(rbac),
    defaultRole: rbac['policy.default'] ?? '',
    matchMode: rbac['policy.matchMode'] === 'regex' ? 'regex' : 'glob',
    apiKeyAccounts: apiKeyAccounts(settings),
  };
}

function readConfigMapData(
  deployDir: string,
  name: string,
): Record<string, string> {
  const file = path.join(deployDir, 'argocd', `${name}.yaml`);
  const object = yaml.parse(fs.readFileSync(file, 'utf8'));
  if (object?.kind !== 'ConfigMap' || object.metadata?.name !== name) {
    throw new Error(`${file} is not the ConfigMap ${name}`);
  }
  const data: Record<string, unknown> = object.data ?? {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string') {
      throw new Error(`${file}: data.${key} is not a string`);
    }
  }
  return data as Record<string, string>;
}

/** Argo CD's `rbac.PolicyCSV`: `policy.csv`, then each `policy.<name>.csv` sorted by key. */
function composePolicyCsv(data: Record<string, string>): string {
  const overlays = Object.keys(data)
    .filter(
      key =>
        key.startsWith('policy.') &&
        key.endsWith('.csv') &&
        key !== 'policy.csv',
    )
    .sort()
    .map(key => `\n${data[key]}`);
  return (data['policy.csv'] ?? '') + overlays.join('');
}

/** Go's `strconv.ParseBool`. */
function parseBool(key: string, value: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw new Error(`argocd-cm ${key}: invalid boolean ${JSON.stringify(value)}`);
}

/**
 * The accounts of `argocd-cm` as Argo CD's `parseAccounts` reads them (`accounts.<name>` lists
 * capabilities, `accounts.<name>.enabled` defaults to true), keeping the enabled ones with `apiKey`.
 */
function apiKeyAccounts(data: Record<string, string>): string[] {
  const accounts = new Map<string, { enabled: boolean; apiKey: boolean }>();
  for (const [key, value] of Object.entries(data)) {
    const parts = key.split('.');
    if (parts[0] !== 'accounts' || parts.length < 2 || parts.length > 3) {
      continue;
    }
    const account = accounts.get(parts[1]) ?? { enabled: true, apiKey: false };
    if (parts.length === 2) {
      account.apiKey = value.split(',').some(c => c.trim() === 'apiKey');
    } else if (parts[2] === 'enabled') {
      account.enabled = parseBool(key, value);
    }
    accounts.set(parts[1], account);
  }
  return [...accounts]
    .filter(([, account]) => account.enabled && account.apiKey)
    .map(([name]) => name)
    .sort();
}
