import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  outputsOf,
  runActionOnce,
  sandboxAdminClients,
} from '../__testUtils__/actionTestKit';
import { dependentOn, retirer } from '../__testUtils__/retirementTestKit';
import { claimLabels } from '../claimedObject';
import { createRuntimeRouteExposeAction } from './routeExpose';
import { createRuntimeRouteDeleteAction } from './routeDelete';
import { routeClients, startRouteSandbox } from './__testUtils__/routeSandbox';

const target = {
  environment: 'dev',
  owner: 'group:default/search-team',
  service: 'semantic-search',
  namespace: 'team-search',
};
const entityRefOf = (name: string) =>
  `resource:default/dev-route-team-search-${name}`;
const removedOf = (name: string) => [
  `DNSEndpoint team-search/${name}`,
  `ApisixRoute team-search/${name}`,
  `ApisixTls team-search/${name}`,
  `Certificate team-search/${name}`,
];

/** A service of the catalog that depends on the route `name`. */
const dependent = (name: string) =>
  dependentOn(entityRefOf(name), 'search-web');

type Snapshot = Awaited<ReturnType<Sandbox['snapshot']>>;

/**
 * The keys of the Kubernetes objects that differ between two snapshots (added, removed or changed).
 */
function changedObjects(before: Snapshot, after: Snapshot): string[] {
  const keys = new Set([
    ...Object.keys(before.kubernetes.objects),
    ...Object.keys(after.kubernetes.objects),
  ]);
  return [...keys].filter(
    key =>
      JSON.stringify(before.kubernetes.objects[key]) !==
      JSON.stringify(after.kubernetes.objects[key]),
  );
}

describe('runtime:route:delete', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startRouteSandbox();
    clients = routeClients(sandbox);
  });
  afterAll(() => sandbox.close());

  const expose = async (name: string) => {
    const { error } = await runActionOnce(
      createRuntimeRouteExposeAction,
      clients,
      { ...target, name, host: name, servicePort: 8080 },
    );
    expect(error).toBeUndefined();
  };
  const retire = retirer(createRuntimeRouteDeleteAction, () => clients);

  it('create then delete leaves the cluster exactly as before (the issued Secret goes with its Certificate)', async () => {
    const before = await sandbox.snapshot();
    await expose('search-api');
    const { ctx, error, auditEvent } = await retire({
      ...target,
      name: 'search-api',
    });
    expect(error).toBeUndefined();
    expect(auditEvent.success).toHaveBeenCalled();
    expect(outputsOf(ctx)).toEqual({
      entityRef: entityRefOf('search-api'),
      removed: removedOf('search-api'),
      dependents: [],
    });
    // The Runtime's cert-manager sets the Certificate as the Secret's owner
    // (--enable-certificate-owner-ref), so the garbage collector removes the issued Secret too.
    expect(changedObjects(before, await sandbox.snapshot())).toEqual([]);
  });

  it('a second run has nothing to remove', async () => {
    const { ctx, error } = await retire({ ...target, name: 'search-api' });
    expect(error).toBeUndefined();
    expect(outputsOf(ctx).removed).toEqual([]);
  });

  it('a dry run lists what would go and the dependents, and changes nothing', async () => {
    await expose('search-web');
    const before = await sandbox.snapshot();
    const { ctx, error } = await retire(
      { ...target, name: 'search-web' },
      { isDryRun: true, entities: [dependent('search-web')] },
    );
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toEqual({
      entityRef: entityRefOf('search-web'),
      removed: removedOf('search-web'),
      dependents: ['component:default/search-web'],
    });
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('is refused while depended on, unless force', async () => {
    const before = await sandbox.snapshot();
    const refused = await retire(
      { ...target, name: 'search-web' },
      { entities: [dependent('search-web')] },
    );
    expect(refused.error?.name).toBe('ConflictError');
    expect(refused.error?.message).toBe(
      'Route team-search/search-web is still depended on by component:default/search-web; retire those first, or run again with force',
    );
    expect(await sandbox.snapshot()).toEqual(before);
    const forced = await retire(
      { ...target, name: 'search-web', force: true },
      { entities: [dependent('search-web')] },
    );
    expect(forced.error).toBeUndefined();
    expect(outputsOf(forced.ctx).removed).toEqual(removedOf('search-web'));
  });

  it("refuses another team's object of the route's name, removing nothing", async () => {
    // Another team's ApisixRoute in team-search (made directly: the portal would not make it).
    await sandboxAdminClients(sandbox)
      .client('dev', 'kubernetes')
      .create({
        apiVersion: 'apisix.apache.org/v2',
        kind: 'ApisixRoute',
        metadata: {
          name: 'foreign',
          namespace: 'team-search',
          labels: claimLabels({
            owner: 'assistant-team',
            service: 'chat-assistant',
          }),
        },
        spec: {
          http: [
            {
              name: 'main',
              match: {
                hosts: ['foreign.apps.dev.runtime.local'],
                paths: ['/*'],
              },
              backends: [{ serviceName: 'chat-assistant', servicePort: 80 }],
            },
          ],
        },
      });
    const before = await sandbox.snapshot();
    const { error } = await retire({ ...target, name: 'foreign' });
    expect(error?.name).toBe('ConflictError');
    expect(error?.message).toBe(
      "ApisixRoute team-search/foreign in dev already exists and belongs to owner 'assistant-team', service 'chat-assistant', not search-team/semantic-search",
    );
    expect(await sandbox.snapshot()).toEqual(before);
  });
});
