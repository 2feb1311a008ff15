import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  RUNTIME_OBSERVABILITY_RANGES,
  RUNTIME_RESOURCE_TYPES,
  RuntimeDeliveryReport,
  RuntimeObservabilityReport,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { EntityAccess } from '../services/entities/EntityAccess';
import { EntityReports, decodeReport } from '../services/EntityReports';
import { RuntimeHealthService } from '../services/RuntimeHealthService';
import { ComponentHealthService } from '../services/components/ComponentHealthService';
import { entityRefInput, readEntity } from './entityInput';
import {
  observabilitySummarySchema,
  summarizeObservability,
} from './observabilitySummary';
import { deliverySummarySchema, summarizeDelivery } from './deliverySummary';
import {
  runtimeHealthSchema,
  summarizeRuntimeHealth,
} from './runtimeHealthSummary';

/** What the read-only actions use: the same services as the plugin's routes. */
export interface RuntimeReadActionDeps {
  entities: EntityAccess;
  reports: EntityReports;
  health: RuntimeHealthService;
  components: ComponentHealthService;
}

/** Read-only, no side effect, the same answer for the same state. */
const READ_ONLY = { readOnly: true, destructive: false, idempotent: true };

const SERVICE_EXAMPLE = 'component:default/semantic-search';
const RESOURCE_EXAMPLE = 'resource:default/dev-bucket-semantic-search-index';

/**
 * Registers the plugin's read-only actions with the actions registry (offered to MCP clients by the
 * MCP actions backend): `get-entity-observability`, `get-entity-delivery`, `get-runtime-health` and
 * `get-resource-details`. Each runs the code path of its HTTP route with the caller's credentials: the
 * entity is read from the catalog as the caller (hidden is "not found"), the same permission decisions,
 * budgets and caches.
 */
export function registerRuntimeReadActions(
  registry: ActionsRegistryService,
  deps: RuntimeReadActionDeps,
): void {
  registry.register({
    name: 'get-entity-observability',
    title: "Get an entity's observability",
    description:
      "Summarises a catalog entity's observability (a service, or a runtime inference endpoint Resource) per Runtime environment: health at a glance, request rate, error ratio and latency (latest values), firing alerts, the count of recent error log lines and of slow or failed traces. Each signal says whether it could be read; one naming another team's target is not-allowed and not read.",
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z, 'component', SERVICE_EXAMPLE),
          range: z
            .enum(RUNTIME_OBSERVABILITY_RANGES)
            .default('1h')
            .describe('The time range the metrics cover, ending now'),
        }),
      output: observabilitySummarySchema,
    },
    examples: [
      {
        title: "A service's last hour",
        input: { entityRef: SERVICE_EXAMPLE, range: '1h' },
      },
    ],
    attributes: READ_ONLY,
    action: async ({ input, credentials }) => {
      const entity = await readEntity(
        deps.entities,
        input.entityRef,
        credentials,
        'component',
      );
      const report = await deps.reports.observability(entity, input.range);
      return {
        output: summarizeObservability(
          decodeReport<RuntimeObservabilityReport>(report),
        ),
      };
    },
  });

  registry.register({
    name: 'get-entity-delivery',
    title: "Get an entity's delivery status",
    description:
      "Summarises a catalog entity's delivery: per Runtime environment its Argo CD applications (sync and health status, revision, last sync), its newest GitLab pipeline (with the jobs that failed it) and its newest Harbor image (tags and vulnerability counts). Targets that belong to another team than the entity's owner are not-allowed and not read.",
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z, 'component', SERVICE_EXAMPLE),
        }),
      output: deliverySummarySchema,
    },
    examples: [
      { title: "A service's delivery", input: { entityRef: SERVICE_EXAMPLE } },
    ],
    attributes: READ_ONLY,
    action: async ({ input, credentials }) => {
      const entity = await readEntity(
        deps.entities,
        input.entityRef,
        credentials,
        'component',
      );
      const report = await deps.reports.delivery(entity);
      return {
        output: summarizeDelivery(decodeReport<RuntimeDeliveryReport>(report)),
      };
    },
  });

  registry.register({
    name: 'get-runtime-health',
    title: "Get the Runtime's health",
    description:
      'The health of the Runtime: each configured environment, which of its upstreams (Kubernetes, OpenBao, S3, Temporal, Prometheus, Alertmanager, Loki, Tempo, Grafana, Argo CD) answer now and why the others are down, and how many scrape targets of each Runtime component are up.',
    schema: {
      input: z => z.object({}),
      output: runtimeHealthSchema,
    },
    examples: [{ title: "The Runtime's health", input: {} }],
    attributes: READ_ONLY,
    action: async () => {
      const [environments, components] = await Promise.all([
        deps.health.environments(),
        deps.components.health(),
      ]);
      return { output: summarizeRuntimeHealth(environments, components) };
    },
  });

  registry.register({
    name: 'get-resource-details',
    title: "Get a runtime resource's live details",
    description: `The live state of a runtime Resource entity (type ${Object.values(
      RUNTIME_RESOURCE_TYPES,
    ).join(
      ', ',
    )}) in its environment: an inference endpoint's model, engine, replicas and OpenAI-compatible base URL; a bucket's versioning, lifecycle, policy and its service's MinIO user; a secret's versions and who can read it (never its values); a workflow's triggers. Needs the runtime.resource.read permission on the entity.`,
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z, 'resource', RESOURCE_EXAMPLE),
        }),
      output: z =>
        z
          .object({
            type: z.enum(
              Object.values(RUNTIME_RESOURCE_TYPES) as [string, ...string[]],
            ),
            environment: z.string(),
          })
          .passthrough()
          .describe("The resource's details; their fields depend on its type"),
    },
    examples: [
      { title: "A bucket's details", input: { entityRef: RESOURCE_EXAMPLE } },
    ],
    attributes: READ_ONLY,
    action: async ({ input, credentials }) => {
      const entity = await readEntity(
        deps.entities,
        input.entityRef,
        credentials,
        'resource',
      );
      const details = await deps.reports.resourceDetails(entity, credentials);
      // A plain object of the details' fields (the output schema lets every field through).
      return { output: { ...details } };
    },
  });
}
