import { RuntimeSeed } from '@runtime-portal/runtime-sandbox';

/**
 * The seed with `count` more KubeAI Models (`bench-model-<i>`), all inference endpoints of the seed's
 * service named `serviceName` (so its team owns them and they run on KubeAI). Throws when the seed has
 * no such service.
 */
export function seedWithModels(
  seed: RuntimeSeed,
  count: number,
  serviceName: string,
): RuntimeSeed {
  if (!Number.isInteger(count) || count < 0) {
    throw new Error(
      `the number of Models must be a whole number, got ${count}`,
    );
  }
  const service = seed.teams
    .flatMap(team => team.services)
    .find(s => s.name === serviceName);
  if (!service) {
    throw new Error(`the seed has no service named ${serviceName}`);
  }
  const models = Array.from({ length: count }, (_, i) => ({
    name: `bench-model-${i}`,
    url: `hf://bench/model-${i}`,
    engine: 'VLLM',
    features: ['TextGeneration'],
    resourceProfile: 'cpu:2',
    minReplicas: 0,
    maxReplicas: 1,
  }));
  service.inferenceEndpoints = [
    ...(service.inferenceEndpoints ?? []),
    ...models,
  ];
  return seed;
}
