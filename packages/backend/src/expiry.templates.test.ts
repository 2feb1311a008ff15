import { Entity } from '@backstage/catalog-model';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import {
  TemplatesBackend,
  startTemplatesBackend,
} from './testing/startTemplatesBackend';
import { completes } from './testing/templateTasks';

jest.setTimeout(180_000);

const EXPIRES_AT = 'runtime-portal.io/expires-at';
const EXPIRES_AT_TAG = 'expires-at';
const DAY = 24 * 3600 * 1000;

// A resource's expiry through the real scaffolder, catalog and permission backend, against the
// sandbox: created with "Expires after", shown on its catalog entity, extended with the extend
// template (a re-run changes nothing), and removed with "never".
describe('expiry through the templates', () => {
  let portal: TemplatesBackend;
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    portal = await startTemplatesBackend();
    ({ sandbox, sandboxClients: clients } = portal);
  });

  afterAll(() => portal?.stop());

  const where = {
    environment: 'dev',
    owner: 'group:default/search-team',
    service: 'component:default/semantic-search',
  };

  /** Waits until the catalog's entity's expiry annotation passes `check`; the entity then. */
  async function entityWhen(
    entityPath: string,
    check: (expiresAt: string | undefined) => boolean,
  ): Promise<Entity> {
    let last: string | undefined;
    for (let i = 0; i < 300; i++) {
      const entity = await portal.catalogEntity(entityPath);
      last = entity?.metadata.annotations?.[EXPIRES_AT];
      if (entity && check(last)) return entity;
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error(`${entityPath} never passed the check (last: ${last})`);
  }

  /** Whether `value` is `days` from now, give or take a few minutes. */
  const inDays = (days: number) => (value: string | undefined) =>
    value !== undefined &&
    Math.abs(Date.parse(value) - (Date.now() + days * DAY)) < 5 * 60 * 1000;

  it('creates a bucket that expires, shows it in the catalog, extends it and keeps it for good', async () => {
    const bucket = { ...where, name: 'expiring-templates', versioning: true };
    const dry = await portal.dryRun('bucket.yaml', {
      ...bucket,
      expiresAfter: '7d',
    });
    expect(dry.status).toBe(200);
    expect(JSON.stringify(dry.body.log)).toMatch(/the bucket expires at/);

    await completes(portal, 'template:default/runtime-bucket', {
      ...bucket,
      expiresAfter: '7d',
    });
    const storage = clients.client('dev', 'objectStorage');
    expect(
      inDays(7)((await storage.getTags(bucket.name))[EXPIRES_AT_TAG]),
    ).toBe(true);
    const entityPath = 'resource/default/dev-bucket-expiring-templates';
    await entityWhen(entityPath, inDays(7));

    const extend = {
      ...where,
      type: 'bucket',
      name: bucket.name,
      expiresAfter: '30d',
    };
    const beforeDry = await sandbox.snapshot();
    const dryExtend = await portal.dryRun('extend-resource.yaml', extend);
    expect(dryExtend.status).toBe(200);
    expect(await sandbox.snapshot()).toEqual(beforeDry);

    await completes(portal, 'template:default/runtime-extend-resource', extend);
    const extended = await sandbox.snapshot();
    expect(extended).not.toEqual(beforeDry);
    await entityWhen(entityPath, inDays(30));
    // A re-run moments later is the same expiry: nothing is written.
    await completes(portal, 'template:default/runtime-extend-resource', extend);
    expect(await sandbox.snapshot()).toEqual(extended);

    await completes(portal, 'template:default/runtime-extend-resource', {
      ...extend,
      expiresAfter: 'never',
    });
    expect(await storage.getTags(bucket.name)).toEqual({
      owner: 'search-team',
      service: 'semantic-search',
    });
    await entityWhen(entityPath, value => value === undefined);
  });
});
