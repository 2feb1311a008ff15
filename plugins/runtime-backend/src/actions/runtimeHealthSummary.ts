import { RuntimeComponentsHealth } from '@runtime-portal/backstage-plugin-runtime-common';
import { z as zod } from 'zod/v3';
import { EnvironmentHealth } from '../services/RuntimeHealthService';
import { signalState, signalStateSchema } from './signalState';

/** The zod schema of the Runtime's health (the output of `get-runtime-health`). */
export function runtimeHealthSchema(z: typeof zod) {
  return z.object({
    environments: z.array(
      z.object({
        name: z.string(),
        title: z.string(),
        upstreams: z
          .array(
            z.object({
              upstream: z.string(),
              status: z.enum(['ok', 'down']),
              reason: z.string().optional().describe('Why it is down'),
            }),
          )
          .describe(
            'Each upstream the portal uses in this environment (Kubernetes, OpenBao, S3, Temporal, Prometheus, Alertmanager, Loki, Tempo, Grafana, Argo CD) and whether it answers now',
          ),
        down: z.array(z.string()).describe('The upstreams that are down'),
        components: signalStateSchema(z)
          .extend({
            targets: z
              .array(
                z.object({
                  component: z.string(),
                  up: z.number(),
                  targets: z.number(),
                }),
              )
              .optional(),
          })
          .describe(
            "The Runtime components' scrape targets that answer (Prometheus up), by component id",
          ),
      }),
    ),
  });
}

/** The Runtime's health, per environment. */
export type RuntimeHealthSummary = zod.infer<
  ReturnType<typeof runtimeHealthSchema>
>;

/** Joins the environments' upstream health and their components' targets, per environment. */
export function summarizeRuntimeHealth(
  environments: EnvironmentHealth[],
  components: RuntimeComponentsHealth,
): RuntimeHealthSummary {
  return {
    environments: environments.map(env => {
      const targets = components.environments.find(
        c => c.environment === env.name,
      )?.targets;
      return {
        name: env.name,
        title: env.title,
        upstreams: env.upstreams.map(u => ({
          upstream: u.upstream,
          status: u.status,
          ...(u.reason ? { reason: u.reason } : {}),
        })),
        down: env.upstreams
          .filter(u => u.status === 'down')
          .map(u => u.upstream),
        components: targets
          ? {
              ...signalState(targets),
              ...(targets.data && { targets: targets.data }),
            }
          : { status: 'not-configured' as const },
      };
    }),
  };
}
