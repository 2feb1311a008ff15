import { RuntimeSeed } from '../seed';
import { NamespaceStore } from './NamespaceStore';

/**
 * Data keys for the owning team and service. Copied from `@runtime-portal/backstage-plugin-runtime-common`
 * (`RUNTIME_OWNER_METADATA_KEY`, `RUNTIME_SERVICE_METADATA_KEY`): the sandbox imports no plugin package.
 */
const OWNER_DATA_KEY = 'owner';
const SERVICE_DATA_KEY = 'service';

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Registers the namespaces every Temporal server has (`temporal-system`, and `default` as the
 * auto-setup image creates it), then one namespace per seeded Temporal workflow, named after it,
 * with its retention and `{owner, service}` data.
 */
export function seedTemporal(store: NamespaceStore, seed: RuntimeSeed): void {
  store.register({
    name: 'temporal-system',
    description: 'Temporal internal system namespace',
    ownerEmail: 'temporal-core@temporal.io',
    retentionSeconds: 7 * DAY_SECONDS,
  });
  store.register({
    name: 'default',
    description: 'Default namespace for Temporal Server.',
    retentionSeconds: DAY_SECONDS,
  });
  for (const team of seed.teams) {
    for (const service of team.services) {
      for (const workflow of service.workflows ?? []) {
        if (workflow.engine !== 'temporal') continue;
        store.register({
          name: workflow.name,
          description: `Workflows of ${service.name}`,
          retentionSeconds: workflow.retentionDays * DAY_SECONDS,
          data: {
            [OWNER_DATA_KEY]: team.name,
            [SERVICE_DATA_KEY]: service.name,
          },
        });
      }
    }
  }
}
