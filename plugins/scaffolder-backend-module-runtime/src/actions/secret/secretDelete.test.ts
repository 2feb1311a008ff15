import { Entity } from '@backstage/catalog-model';
import { runtimeResourceEntityName } from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  ActionRunOptions,
  TEST_USERS,
  outputsOf,
  runActionOnce,
  sandboxAdminClients,
  sandboxClients,
  startTestSandbox,
} from '../__testUtils__/actionTestKit';
import { createRuntimeSecretAction } from './secretCreate';
import { createRuntimeSecretDeleteAction } from './secretDelete';

/** The ref the catalog module gives the secret (it names entities with the same function). */
const secretRef = (path: string) =>
  `resource:default/${runtimeResourceEntityName({
    environment: 'dev',
    type: 'secret',
    name: path,
  })}`;

/** A component that depends on the resource `targetRef`, as the catalog relates them. */
function dependent(name: string, targetRef: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'search-team' },
    relations: [{ type: 'dependsOn', targetRef }],
  };
}

const owner = 'group:default/search-team';
const service = 'semantic-search';

/** The three lines a delete of `<service>/<name>` reports. */
const everything = (name: string) => [
  `OpenBao Kubernetes auth role runtime_secret_${service}_${name}`,
  `OpenBao ACL policy runtime_secret_${service}_${name}`,
  `OpenBao secret ${service}/${name} (all versions and metadata)`,
];

describe('runtime:secret:delete', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
  });
  afterAll(() => sandbox.close());

  const openbao = () => clients.client('dev', 'openbao');

  async function create(name: string, input: Record<string, unknown> = {}) {
    const { error } = await runActionOnce(
      createRuntimeSecretAction,
      clients,
      {
        environment: 'dev',
        owner,
        service,
        name,
        keys: ['password'],
        namespace: 'team-search',
        ...input,
      },
      { secrets: { password: 'not-a-real-password' }, user: TEST_USERS.search },
    );
    expect(error).toBeUndefined();
  }

  const retire = (input: Record<string, unknown>, options?: ActionRunOptions) =>
    runActionOnce(
      createRuntimeSecretDeleteAction,
      clients,
      { environment: 'dev', owner, service, ...input },
      options,
    );

  it('dry run lists exactly what would go and changes nothing', async () => {
    await create('dry');
    const before = await sandbox.snapshot();
    const { ctx, error, said } = await retire(
      { name: 'dry' },
      { isDryRun: true },
    );
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toEqual({
      entityRef: secretRef(`${service}/dry`),
      removed: everything('dry'),
      dependents: [],
    });
    expect(said).toContain('Dry run');
    expect(said).not.toContain('not-a-real-password');
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('removes everything the create made, and only that; a second run has nothing to do', async () => {
    await create('neighbour');
    const before = await sandbox.snapshot();
    await create('database');
    expect(await sandbox.snapshot()).not.toEqual(before);

    const { ctx, error, auditEvent } = await retire({ name: 'database' });
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toEqual({
      entityRef: secretRef(`${service}/database`),
      removed: everything('database'),
      dependents: [],
    });
    expect(auditEvent.success).toHaveBeenCalled();
    expect(await sandbox.snapshot()).toEqual(before);
    expect(
      await openbao().readSecretMetadata(`${service}/neighbour`),
    ).toBeDefined();

    const again = await retire({ name: 'database' });
    expect(again.error).toBeUndefined();
    expect(outputsOf(again.ctx).removed).toEqual([]);
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('finishes the job when a run stopped half-way (only the policy and secret left)', async () => {
    const before = await sandbox.snapshot();
    await create('halfway');
    await openbao().deleteKubernetesAuthRole(
      `runtime_secret_${service}_halfway`,
    );
    const { ctx, error } = await retire({ name: 'halfway' });
    expect(error).toBeUndefined();
    expect(outputsOf(ctx).removed).toEqual(everything('halfway').slice(1));
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('is refused while a catalog entity depends on the secret, unless force', async () => {
    await create('depended');
    const entities = [dependent('search-ui', secretRef(`${service}/depended`))];
    const before = await sandbox.snapshot();

    const refused = await retire({ name: 'depended' }, { entities });
    expect(refused.error?.name).toBe('ConflictError');
    expect(refused.error?.message).toContain('component:default/search-ui');
    expect(refused.error?.message).toContain('force');
    expect(await sandbox.snapshot()).toEqual(before);

    const dry = await retire(
      { name: 'depended' },
      { entities, isDryRun: true },
    );
    expect(dry.error).toBeUndefined();
    expect(outputsOf(dry.ctx).dependents).toEqual([
      'component:default/search-ui',
    ]);
    expect(await sandbox.snapshot()).toEqual(before);

    const forced = await retire(
      { name: 'depended', force: true },
      { entities },
    );
    expect(forced.error).toBeUndefined();
    expect(outputsOf(forced.ctx)).toMatchObject({
      removed: everything('depended'),
      dependents: ['component:default/search-ui'],
    });
    expect(
      await openbao().readSecretMetadata(`${service}/depended`),
    ).toBeUndefined();
  });

  it("refuses a user of another team who types search-team's names, before anything is removed", async () => {
    await create('target');
    const before = await sandbox.snapshot();

    // Acting for search-team without being a member.
    const asOwner = await retire(
      { name: 'target' },
      { user: TEST_USERS.assistant },
    );
    expect(asOwner.error?.name).toBe('NotAllowedError');
    // For their own team, but naming search-team's service.
    const asService = await retire(
      { owner: 'group:default/assistant-team', name: 'target' },
      { user: TEST_USERS.assistant },
    );
    expect(asService.error?.name).toBe('NotAllowedError');
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('refuses a team whose claim differs on a service the catalog does not know', async () => {
    // `unlisted` is in no catalog, so only the recorded claim protects search-team's secret.
    await create('token', { service: 'unlisted' });
    const before = await sandbox.snapshot();
    const { error } = await retire(
      {
        owner: 'group:default/assistant-team',
        service: 'unlisted',
        name: 'token',
        force: true,
      },
      { user: TEST_USERS.assistant },
    );
    expect(error?.name).toBe('ConflictError');
    expect(error?.message).toContain("owner 'search-team'");
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('never removes a policy or role that is not the claim’s', async () => {
    const admin = sandboxAdminClients(sandbox).client('dev', 'openbao');
    const name = `runtime_secret_${service}_foreign`;
    await admin.writeAclPolicy(
      name,
      '# Managed by Runtime Portal for owner assistant-team, service chat-assistant: read access\npath "secret/data/x" {\n  capabilities = ["read"]\n}\n',
    );
    const before = await sandbox.snapshot();
    const byPolicy = await retire({ name: 'foreign' });
    expect(byPolicy.error?.name).toBe('ConflictError');
    expect(byPolicy.error?.message).toContain(`OpenBao policy ${name}`);
    expect(await sandbox.snapshot()).toEqual(before);

    await admin.deleteAclPolicy(name);
    await admin.writeKubernetesAuthRole(name, {
      boundServiceAccountNames: ['chat-assistant'],
      boundServiceAccountNamespaces: ['team-assistant'],
      tokenPolicies: ['default', 'chat-assistant-read'],
    });
    const beforeRole = await sandbox.snapshot();
    const byRole = await retire({ name: 'foreign' });
    expect(byRole.error?.name).toBe('ConflictError');
    expect(byRole.error?.message).toContain('Kubernetes auth role');
    expect(await sandbox.snapshot()).toEqual(beforeRole);
  });
});
