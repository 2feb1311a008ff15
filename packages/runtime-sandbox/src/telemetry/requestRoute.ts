import { pick } from './deterministic';
import { TelemetrySource } from './telemetrySources';

/**
 * The OpenAI-compatible path an inference endpoint serves, by its first feature: the features of
 * KubeAI 0.14.0, the Runtime's version (`internal/openaiserver/handler.go` routes).
 */
const FEATURE_PATHS: Record<string, string> = {
  TextGeneration: '/openai/v1/chat/completions',
  TextEmbedding: '/openai/v1/embeddings',
  SpeechToText: '/openai/v1/audio/transcriptions',
};
/** The routes a simulated service serves. */
const SERVICE_ROUTES = [
  'GET /api/v1/items',
  'POST /api/v1/query',
  'GET /api/v1/items/{id}',
  'POST /api/v1/jobs',
];

/**
 * The method and path of one simulated request to a source, the same in its log lines and its
 * traces: an inference endpoint's feature path, or a service route picked by a unit number.
 */
export function requestRoute(
  source: TelemetrySource,
  unit: number,
): [method: string, path: string] {
  if (source.kind === 'inferenceEndpoint') {
    return [
      'POST',
      FEATURE_PATHS[source.features?.[0] ?? ''] ?? '/openai/v1/completions',
    ];
  }
  const [method, path] = pick(SERVICE_ROUTES, unit).split(' ');
  return [method, path];
}
