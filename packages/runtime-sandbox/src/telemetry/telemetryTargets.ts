import { RuntimeSeed, SeedTelemetry } from '../seed';

/**
 * Something the sandbox produces telemetry for: a team's service (`profile: 'service'`) or one of its
 * inference endpoints (`profile: 'inference-endpoint'`).
 */
export interface TelemetryTarget {
  /** The team's Kubernetes namespace (the `namespace` label). */
  namespace: string;
  /** The service or endpoint name (the `service` label; `model_name` for endpoints). */
  name: string;
  profile: 'service' | 'inference-endpoint';
  /** The service that owns the target (its own name for a service). */
  ownerService: string;
  /** The inference engine (e.g. `VLLM`), for endpoints only. */
  engine?: string;
  telemetry: SeedTelemetry;
}

/** Every service and inference endpoint of the seed that has a `telemetry` section, in seed order. */
export function telemetryTargets(seed: RuntimeSeed): TelemetryTarget[] {
  const targets: TelemetryTarget[] = [];
  for (const team of seed.teams) {
    for (const service of team.services) {
      if (service.telemetry) {
        targets.push({
          namespace: team.namespace,
          name: service.name,
          profile: 'service',
          ownerService: service.name,
          telemetry: service.telemetry,
        });
      }
      for (const endpoint of service.inferenceEndpoints ?? []) {
        if (!endpoint.telemetry) continue;
        targets.push({
          namespace: team.namespace,
          name: endpoint.name,
          profile: 'inference-endpoint',
          ownerService: service.name,
          engine: endpoint.engine,
          telemetry: endpoint.telemetry,
        });
      }
    }
  }
  return targets;
}
