import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  TEST_USERS,
  outputsOf,
  sandboxAdminClients,
  sandboxClients,
  startTestSandbox,
} from '../__testUtils__/actionTestKit';
import {
  creator,
  dependentOn,
  devResourceRef,
  retirementKit,
} from '../__testUtils__/retirementTestKit';
import { createRuntimeSecretAction } from './secretCreate';
import { createRuntimeSecretDeleteAction } from './secretDelete';

/** The ref the catalog module gives the secret `<service>/<name>`. */
const secretRef = (path: string) => devResourceRef('secret', path);

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

  const create = creator(
    createRuntimeSecretAction,
    () => clients,
    { keys: ['password'] },
    { secrets: { password: 'not-a-real-password' }, user: TEST_USERS.search },
  );
  const { retire, steps } = retirementKit(
    createRuntimeSecretDeleteAction,
    { sandbox: () => sandbox, clients: () => clients, create, everything },
    name => secretRef(`${service}/${name}`),
  );

  it('dry run lists exactly what would go and changes nothing', async () => {
    const { outputs, said } = await steps.dryRunChangesNothing('dry');
    expect(outputs).toEqual({
      entityRef: secretRef(`${service}/dry`),
      removed: everything('dry'),
      dependents: [],
    });
    expect(said).toContain('Dry run');
    expect(said).not.toContain('not-a-real-password');
  });

  it('removes everything the create made, and only that; a second run has nothing to do', async () => {
    await steps.removesWhatTheCreateMade('database', 'neighbour', async () => {
      expect(
        await openbao().readSecretMetadata(`${service}/neighbour`),
      ).toBeDefined();
    });
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
    const entities = [dependentOn(secretRef(`${service}/depended`))];
    const before = await sandbox.snapshot();
    const refused = await steps.refusedWhileDepended('depended', entities);
    expect(refused?.message).toContain('force');
    await steps.dryRunReportsDependents('depended', entities, before);
    await steps.forcedWhileDepended('depended', entities);
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
