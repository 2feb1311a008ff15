import { parseEntityRef } from '@backstage/catalog-model';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  TemplatesBackend,
  startTemplatesBackend,
} from './testing/startTemplatesBackend';
import { completes, taskOutput } from './testing/templateTasks';

jest.setTimeout(180_000);

const EXPIRES_AT = 'runtime-portal.io/expires-at';
const DAY = 24 * 3600 * 1000;

/** Whether `value` is `days` from now, give or take a few minutes. */
const inDays = (days: number) => (value: string | undefined) =>
  value !== undefined &&
  Math.abs(Date.parse(value) - (Date.now() + days * DAY)) < 5 * 60 * 1000;

const where = {
  environment: 'dev',
  owner: 'group:default/search-team',
  service: 'component:default/semantic-search',
};

// A database's and a route's expiry through the real scaffolder, permission backend (the Runtime
// policy and its update permissions) and catalog, against the sandbox: created with "Expires after",
// extended with the extend template (a dry run and a re-run write nothing), and the catalog's
// entity shows the new time after its refresh.
describe('extending a database and a route through the templates', () => {
  let portal: TemplatesBackend;
  let sandbox: Sandbox;

  beforeAll(async () => {
    portal = await startTemplatesBackend();
    sandbox = portal.sandbox;
  });

  afterAll(() => portal?.stop());

  /** Waits until the catalog's entity's expiry annotation passes `check`. */
  async function expiryWhen(
    entityRef: string,
    check: (expiresAt: string | undefined) => boolean,
  ): Promise<void> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const entityPath = `${kind}/${namespace}/${name}`;
    let last: string | undefined;
    for (let i = 0; i < 300; i++) {
      const entity = await portal.catalogEntity(entityPath);
      last = entity?.metadata.annotations?.[EXPIRES_AT];
      if (entity && check(last)) return;
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error(`${entityPath} never passed the check (last: ${last})`);
  }

  it.each([
    {
      type: 'database',
      create: 'template:default/runtime-database',
      values: { name: 'extend_orders', namespace: 'team-search' },
      identity: { name: 'extend_orders' },
    },
    {
      type: 'route',
      create: 'template:default/runtime-expose-service',
      values: {
        namespace: 'team-search',
        name: 'extend-api',
        host: 'extend-api',
        servicePort: 8080,
      },
      identity: { namespace: 'team-search', name: 'extend-api' },
    },
  ])(
    'creates a $type that expires, extends it and the catalog shows the new expiry',
    async ({ type, create, values, identity }) => {
      const created = await completes(portal, create, {
        ...where,
        ...values,
        expiresAfter: '7d',
      });
      const entityRef = taskOutput(created).links.find(l => l.entityRef)
        ?.entityRef as string;
      expect(entityRef).toMatch(new RegExp(`^resource:default/dev-${type}-`));
      await expiryWhen(entityRef, inDays(7));

      const extend = { ...where, type, ...identity, expiresAfter: '30d' };
      const before = await sandbox.snapshot();
      const dry = await portal.dryRun('extend-resource.yaml', extend);
      expect({ status: dry.status, error: dry.body.error }).toEqual({
        status: 200,
        error: undefined,
      });
      expect(JSON.stringify(dry.body.log)).toContain(
        'Dry run: would set the expiry',
      );
      expect(await sandbox.snapshot()).toEqual(before);

      await completes(
        portal,
        'template:default/runtime-extend-resource',
        extend,
      );
      const extended = await sandbox.snapshot();
      expect(extended).not.toEqual(before);
      await expiryWhen(entityRef, inDays(30));
      // A re-run moments later is the same expiry: nothing is written.
      await completes(
        portal,
        'template:default/runtime-extend-resource',
        extend,
      );
      expect(await sandbox.snapshot()).toEqual(extended);
    },
  );
});
