import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { runtimeResourceEntityName } from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  outputsOf,
  sandboxClients,
  startTestSandbox,
  ActionRunOptions,
  runActionOnce,
} from '../__testUtils__/actionTestKit';
import { createRuntimeSecretAction } from './secretCreate';

/** The ref the catalog module gives the secret (it names entities with the same function). */
const secretRef = (path: string) =>
  `resource:default/${runtimeResourceEntityName({
    environment: 'dev',
    type: 'secret',
    name: path,
  })}`;

const CANARY = 'canary-s3cr3t-value-7f3a';

const baseInput = {
  environment: 'dev',
  owner: 'group:default/search-team',
  service: 'semantic-search',
  name: 'database',
  keys: ['username', 'password'],
  namespace: 'team-search',
};
const secrets = { username: 'search', password: CANARY };

describe('runtime:secret:create', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
  });
  afterAll(() => sandbox.close());

  const openbao = () => clients.client('dev', 'openbao');

  const run = (
    input: Record<string, unknown>,
    options: ActionRunOptions = {},
  ) =>
    runActionOnce(createRuntimeSecretAction, clients, input, {
      ...options,
      secrets: options.secrets ?? secrets,
    });

  it('dry run validates, reports the plan and creates nothing', async () => {
    const input = { ...baseInput, name: 'dry' };
    const { ctx, error, said } = await run(input, { isDryRun: true });
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toEqual({
      path: 'semantic-search/dry',
      policyName: 'runtime_secret_semantic-search_dry',
      roleName: 'runtime_secret_semantic-search_dry',
      entityRef: secretRef('semantic-search/dry'),
    });
    expect(said).toContain('Dry run');
    expect(said).not.toContain(CANARY);
    expect(await openbao().readSecretMetadata('semantic-search/dry')).toBe(
      undefined,
    );
    expect(
      await openbao().readAclPolicy('runtime_secret_semantic-search_dry'),
    ).toBe(undefined);
    expect(
      await openbao().readKubernetesAuthRole(
        'runtime_secret_semantic-search_dry',
      ),
    ).toBe(undefined);
  });

  it('creates the secret with owner metadata, a read policy and an auth role, never revealing a value', async () => {
    const { ctx, error, said, auditEvent } = await run(baseInput);
    expect(error).toBeUndefined();
    expect(said).not.toContain(CANARY);
    expect(outputsOf(ctx).entityRef).toMatch(
      /^resource:default\/dev-secret-semantic-search-database-[0-9a-f]{8}$/,
    );
    expect(outputsOf(ctx)).toEqual({
      path: 'semantic-search/database',
      policyName: 'runtime_secret_semantic-search_database',
      roleName: 'runtime_secret_semantic-search_database',
      entityRef: secretRef('semantic-search/database'),
    });
    expect(auditEvent.success).toHaveBeenCalled();

    const meta = await openbao().readSecretMetadata('semantic-search/database');
    expect(meta?.currentVersion).toBe(1);
    expect(meta?.customMetadata).toEqual({
      owner: 'search-team',
      service: 'semantic-search',
    });
    const stored = await fetch(
      `${sandbox.urls.openbao}/v1/secret/data/semantic-search/database`,
      { headers: { 'X-Vault-Token': sandbox.adminCredentials.openbaoToken } },
    ).then(r => r.json());
    expect(stored.data.data).toEqual({ username: 'search', password: CANARY });

    const policy = await openbao().readAclPolicy(
      'runtime_secret_semantic-search_database',
    );
    expect(policy?.policy).toContain(
      'path "secret/data/semantic-search/database"',
    );
    expect(policy?.policy).toContain('capabilities = ["read"]');
    expect(
      await openbao().readKubernetesAuthRole(
        'runtime_secret_semantic-search_database',
      ),
    ).toMatchObject({
      boundServiceAccountNames: ['semantic-search'],
      boundServiceAccountNamespaces: ['team-search'],
      tokenPolicies: ['runtime_secret_semantic-search_database'],
    });
  });

  it('a second run is a no-op success that keeps the stored version', async () => {
    const { error, ctx } = await run(baseInput, {
      secrets: { username: 'search', password: 'another-value' },
    });
    expect(error).toBeUndefined();
    expect(outputsOf(ctx).path).toBe('semantic-search/database');
    const meta = await openbao().readSecretMetadata('semantic-search/database');
    expect(meta?.currentVersion).toBe(1);
  });

  it('is safe to re-run after a failure part way: the next run completes the secret', async () => {
    const openbaoClient = openbao();
    const spy = jest
      .spyOn(openbaoClient, 'writeSecret')
      .mockRejectedValueOnce(new Error('connection reset'));
    const input = { ...baseInput, name: 'retried' };
    try {
      const { error } = await run(input);
      expect(error?.message).toBe('connection reset');
    } finally {
      spy.mockRestore();
    }
    expect(
      (await openbaoClient.readSecretMetadata('semantic-search/retried'))
        ?.currentVersion,
    ).toBe(0);
    const { error, said } = await run(input);
    expect(error).toBeUndefined();
    expect(said).not.toContain(CANARY);
    expect(
      (await openbaoClient.readSecretMetadata('semantic-search/retried'))
        ?.currentVersion,
    ).toBe(1);
  });

  it("refuses to touch another service's secret at the same path", async () => {
    await openbao().writeSecretMetadata('other/database', {
      customMetadata: { owner: 'other-team', service: 'other' },
    });
    const { error, said } = await run({
      ...baseInput,
      service: 'other',
    });
    expect(error?.name).toBe('ConflictError');
    expect(error?.message).toContain("belongs to owner 'other-team'");
    expect(said).not.toContain(CANARY);
    expect(await openbao().readAclPolicy('runtime_secret_other_database')).toBe(
      undefined,
    );
  });

  it.each([
    [{ name: 'Bad_Name' }, 'name:'],
    [{ namespace: '-x' }, 'namespace:'],
    [{ keys: [] }, 'keys: must name at least one key'],
    [{ keys: ['password', 'token'] }, 'no template secret given for token'],
    [{ keys: ['backstageToken'] }, "keys: backstageToken is the task's own"],
    [{ owner: 'user:default/jane' }, 'owner:'],
    [{ environment: 'staging' }, "environment: 'staging' is not a configured"],
  ])(
    'rejects invalid input %j with an error naming the field',
    async (change, message) => {
      const input = { ...baseInput, name: 'invalid', ...change };
      const { error, said } = await run(input);
      expect(error?.name).toBe('InputError');
      expect(error?.message).toContain(message);
      expect(error?.message).not.toContain(CANARY);
      expect(said).not.toContain(CANARY);
      expect(
        await openbao().readSecretMetadata('semantic-search/invalid'),
      ).toBe(undefined);
    },
  );

  it('refuses a user without runtime.secret.create and creates nothing', async () => {
    const { error } = await run(
      { ...baseInput, name: 'denied' },
      { result: AuthorizeResult.DENY },
    );
    expect(error?.name).toBe('NotAllowedError');
    expect(error?.message).toContain('runtime.secret.create');
    expect(await openbao().readSecretMetadata('semantic-search/denied')).toBe(
      undefined,
    );
  });
});
