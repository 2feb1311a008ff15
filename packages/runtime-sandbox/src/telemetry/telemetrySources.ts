import { RuntimeSeed, SeedTelemetry } from '../seed';

/** A service or inference endpoint whose telemetry the sandbox simulates. */
export interface TelemetrySource {
  /** The service or inference endpoint name (the `service` label everywhere). */
  name: string;
  kind: 'service' | 'inferenceEndpoint';
  /** The owning service (the source itself for a service). */
  service: string;
  team: string;
  /** The team's namespace. */
  namespace: string;
  /** Engine of an inference endpoint (`VLLM`, `Infinity`, ...). */
  engine?: string;
  /** Features of an inference endpoint (`TextGeneration`, ...). */
  features?: string[];
  /** What a service calls: its inference endpoints (empty for an endpoint). */
  dependencies: string[];
  telemetry: SeedTelemetry;
}

/** Every service and inference endpoint of the seed, in seed order. */
export function telemetrySources(seed: RuntimeSeed): TelemetrySource[] {
  const sources: TelemetrySource[] = [];
  for (const team of seed.teams) {
    for (const service of team.services) {
      if (service.telemetry) {
        sources.push({
          name: service.name,
          kind: 'service',
          service: service.name,
          team: team.name,
          namespace: team.namespace,
          dependencies: (service.inferenceEndpoints ?? []).map(e => e.name),
          telemetry: service.telemetry,
        });
      }
      for (const endpoint of service.inferenceEndpoints ?? []) {
        if (!endpoint.telemetry) continue;
        sources.push({
          name: endpoint.name,
          kind: 'inferenceEndpoint',
          service: service.name,
          team: team.name,
          namespace: team.namespace,
          engine: endpoint.engine,
          features: endpoint.features,
          dependencies: [],
          telemetry: endpoint.telemetry,
        });
      }
    }
  }
  return sources;
}
