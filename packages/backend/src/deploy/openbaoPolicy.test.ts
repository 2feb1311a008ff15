import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  OpenBaoClient,
  bucketKeysGrantName,
  readRuntimeEnvironments,
  secretGrantName,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  buildManifests,
  only,
  podSpecOf,
  readDeployFile,
} from './__testUtils__/deployManifests';
import { deployedConfig } from './__testUtils__/effectiveConfig';
import {
  calledMethods,
  classMethods,
  pluginSources,
} from './__testUtils__/sourceCalls';

const CLIENT_FILE = 'plugins/runtime-node/src/openbao/OpenBaoClient.ts';

/** The policy file as `path -> capabilities`; throws on anything else than path blocks and comments. */
function parsePolicy(hcl: string): Map<string, string[]> {
  const text = hcl.replace(/^\s*#.*$/gm, '');
  const block = /path "([^"]+)" \{\s*capabilities = \[([^\]]*)\]\s*\}/g;
  const rules = new Map<string, string[]>();
  for (const m of text.matchAll(block)) {
    rules.set(
      m[1],
      m[2].split(',').map(c => c.trim().replace(/^"|"$/g, '')),
    );
  }
  const rest = text.replace(block, '').trim();
  if (rest) throw new Error(`not a path block: ${rest}`);
  return rules;
}

/** OpenBao's choice among a policy's paths: the exact path, else the longest matching glob. */
function ruleFor(rules: Map<string, string[]>, requestPath: string) {
  if (rules.has(requestPath)) return requestPath;
  return [...rules.keys()]
    .filter(p => p.endsWith('*') && requestPath.startsWith(p.slice(0, -1)))
    .sort((a, b) => b.length - a.length)[0];
}

const [container] = podSpecOf(only(buildManifests(), 'Deployment')).containers;
const [environment] = readRuntimeEnvironments(deployedConfig(container).config);
const access = environment.openbao!;

/**
 * Paths whose POST/PUT OpenBao maps to `create` or `update` by an existence check (its source:
 * internal/builtin/logical/kv/path_data.go and path_metadata.go `ExistenceCheck`,
 * internal/builtin/credential/kubernetes/path_role.go `pathRoleExistenceCheck`); other writes
 * (sys/policies/acl in internal/vault/logical_system_paths.go, no existence check) are `update`.
 */
const EXISTENCE_CHECKED = [
  `${access.kvMount}/data/`,
  `${access.kvMount}/metadata/`,
  `auth/${access.kubernetesAuthMount}/role/`,
];

interface Recorded {
  method: string;
  path: string;
  list: boolean;
  token?: string;
}

function requiredCapabilities({ method, path: p, list }: Recorded): string[] {
  if (method === 'GET') return [list ? 'list' : 'read'];
  if (method === 'POST' || method === 'PUT') {
    return EXISTENCE_CHECKED.some(prefix => p.startsWith(prefix))
      ? ['create', 'update']
      : ['update'];
  }
  if (method === 'DELETE') return ['delete'];
  throw new Error(`unexpected ${method} ${p}`);
}

/** A fake OpenBao that records each request and answers as the real one's shapes. */
function recordingFetch(recorded: Recorded[]): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const request: Recorded = {
      method: init?.method ?? 'GET',
      path: decodeURIComponent(url.pathname.replace(/^\/v1\//, '')),
      list: url.searchParams.get('list') === 'true',
      token: headers['X-Vault-Token'],
    };
    recorded.push(request);
    let data: unknown = {};
    if (request.path.endsWith('/login')) {
      return Response.json({
        auth: { client_token: 'portal-token', lease_duration: 3600 },
      });
    }
    if (request.list) {
      const folder = request.path.slice(`${access.kvMount}/metadata/`.length);
      const folders: Record<string, string[]> = {
        '': ['search-api/'],
        'search-api/': ['db-password', 'buckets/'],
        'search-api/buckets/': ['search-data'],
      };
      data = { keys: folders[folder] ?? [] };
    }
    return Response.json({ data });
  }) as typeof fetch;
}

const service = 'search-api';
const secretPath = `${service}/db-password`;
const bucketKeysPath = `${service}/buckets/search-data`;
const grants = [
  secretGrantName(service, 'db-password'),
  bucketKeysGrantName('search-data'),
];

/**
 * Each OpenBaoClient method the plugins call, called as they call it (secret and bucket-key paths,
 * the grant names of runtime-node grantNames.ts).
 */
const CALLS: Record<string, (client: OpenBaoClient) => Promise<unknown>> = {
  checkAccess: c => c.checkAccess(),
  writeSecret: async c => {
    await c.writeSecret(secretPath, { password: 'x' }, { cas: 0 });
    await c.writeSecret(bucketKeysPath, { accessKey: 'a', secretKey: 's' });
  },
  readSecretMetadata: async c => {
    await c.readSecretMetadata(secretPath);
    await c.readSecretMetadata(bucketKeysPath);
  },
  readSecretKeys: c => c.readSecretKeys(secretPath),
  writeSecretMetadata: async c => {
    await c.writeSecretMetadata(
      secretPath,
      { customMetadata: { owner: 'search-team' } },
      { metadataCas: 0 },
    );
    await c.writeSecretMetadata(bucketKeysPath, {
      customMetadata: { owner: 'search-team' },
    });
  },
  deleteSecretMetadata: async c => {
    await c.deleteSecretMetadata(secretPath);
    await c.deleteSecretMetadata(bucketKeysPath);
  },
  listSecretsRecursive: c => c.listSecretsRecursive(''),
  readAclPolicy: async c => {
    for (const name of grants) await c.readAclPolicy(name);
  },
  writeAclPolicy: async c => {
    for (const name of grants) await c.writeAclPolicy(name, 'path "x" {}');
  },
  deleteAclPolicy: async c => {
    for (const name of grants) await c.deleteAclPolicy(name);
  },
  deleteKubernetesAuthRole: async c => {
    for (const name of grants) await c.deleteKubernetesAuthRole(name);
  },
  readKubernetesAuthRole: async c => {
    for (const name of grants) await c.readKubernetesAuthRole(name);
  },
  writeKubernetesAuthRole: async c => {
    for (const name of grants) {
      await c.writeKubernetesAuthRole(name, {
        boundServiceAccountNames: [service],
        boundServiceAccountNamespaces: ['team-search'],
        tokenPolicies: [name],
        tokenTtl: 3600,
      });
    }
  },
};

describe('the OpenBao policy in deploy/openbao', () => {
  const rules = parsePolicy(readDeployFile('openbao/runtime-portal.hcl'));
  const recorded: Recorded[] = [];
  let tokenDir: string;

  beforeAll(async () => {
    tokenDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-deploy-sa-'));
    const tokenFile = path.join(tokenDir, 'token');
    fs.writeFileSync(tokenFile, 'service-account-jwt');
    if (access.auth.type !== 'kubernetes') {
      throw new Error('the deployed config logs in to OpenBao with a token');
    }
    const client = new OpenBaoClient({
      environment: 'prod',
      access: {
        ...access,
        auth: { ...(access.auth as any), serviceAccountTokenPath: tokenFile },
      },
      fetch: recordingFetch(recorded),
    });
    for (const call of Object.values(CALLS)) await call(client);
  });

  afterAll(() => fs.rmSync(tokenDir, { recursive: true, force: true }));

  it('calls, in the table above, exactly the client methods the plugins call', () => {
    const methods = [...classMethods(CLIENT_FILE).values()]
      .filter(m => !m.isPrivate)
      .map(m => m.name);
    expect(methods.length).toBeGreaterThan(5);
    const used = calledMethods(
      methods,
      pluginSources(/OpenBaoClient|openbao/i, [
        'plugins/runtime-node/src/openbao',
      ]),
    );
    expect(Object.keys(CALLS).sort()).toEqual([...used].sort());
  });

  it('logs in with the Kubernetes auth role, without a token', () => {
    const logins = recorded.filter(r => r.path.endsWith('/login'));
    expect(logins).toEqual([
      {
        method: 'POST',
        path: `auth/${(access.auth as any).mount}/login`,
        list: false,
        token: undefined,
      },
    ]);
  });

  it('allows every request the portal makes', () => {
    for (const request of recorded.filter(r => !r.path.endsWith('/login'))) {
      expect(request.token).toBe('portal-token');
      const rule = ruleFor(rules, request.path);
      const allowed = rule ? rules.get(rule)! : [];
      for (const capability of requiredCapabilities(request)) {
        expect([
          request.method,
          request.path,
          capability,
          allowed.includes(capability),
        ]).toEqual([request.method, request.path, capability, true]);
      }
    }
  });

  it('allows nothing the portal does not use', () => {
    const needed = new Map<string, Set<string>>();
    for (const request of recorded.filter(r => !r.path.endsWith('/login'))) {
      const rule = ruleFor(rules, request.path)!;
      for (const c of requiredCapabilities(request)) {
        needed.set(rule, new Set([...(needed.get(rule) ?? []), c]));
      }
    }
    for (const [rule, capabilities] of rules) {
      expect([rule, [...capabilities].sort()]).toEqual([
        rule,
        [...(needed.get(rule) ?? [])].sort(),
      ]);
    }
  });

  it("never reads a secret's value, and cannot rewrite its own policy or role", () => {
    expect(
      ruleFor(rules, `${access.kvMount}/data/${secretPath}`),
    ).toBeDefined();
    expect(
      rules.get(ruleFor(rules, `${access.kvMount}/data/${secretPath}`)!),
    ).not.toContain('read');
    expect(ruleFor(rules, 'sys/policies/acl/runtime-portal')).toBeUndefined();
    expect(
      ruleFor(rules, `auth/${access.kubernetesAuthMount}/role/runtime-portal`),
    ).toBeUndefined();
    for (const capabilities of rules.values()) {
      expect(capabilities).not.toContain('sudo');
    }
  });
});
