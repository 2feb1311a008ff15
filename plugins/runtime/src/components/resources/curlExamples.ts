/** A ready-to-run request against a KubeAI model's OpenAI-compatible API. */
export interface CurlExample {
  feature: string;
  /** The OpenAI API path under the base URL, e.g. `/chat/completions`. */
  path: string;
  command: string;
}

const join = (baseUrl: string, path: string) =>
  `${baseUrl.replace(/\/+$/, '')}${path}`;

const jsonBody = (body: unknown) => `'${JSON.stringify(body)}'`;

/**
 * The curl commands for the features a model serves: chat completions for TextGeneration, embeddings
 * for TextEmbedding and audio transcriptions for SpeechToText; features without an example are skipped.
 */
export function curlExamples(
  baseUrl: string,
  model: string,
  features: string[],
): CurlExample[] {
  const examples: CurlExample[] = [];
  for (const feature of features) {
    if (feature === 'TextGeneration') {
      const path = '/chat/completions';
      examples.push({
        feature,
        path,
        command: [
          `curl ${join(baseUrl, path)} \\`,
          `  -H 'Content-Type: application/json' \\`,
          `  -d ${jsonBody({
            model,
            messages: [{ role: 'user', content: 'Hello!' }],
          })}`,
        ].join('\n'),
      });
    } else if (feature === 'TextEmbedding') {
      const path = '/embeddings';
      examples.push({
        feature,
        path,
        command: [
          `curl ${join(baseUrl, path)} \\`,
          `  -H 'Content-Type: application/json' \\`,
          `  -d ${jsonBody({ model, input: 'The text to embed' })}`,
        ].join('\n'),
      });
    } else if (feature === 'SpeechToText') {
      const path = '/audio/transcriptions';
      examples.push({
        feature,
        path,
        command: [
          `curl ${join(baseUrl, path)} \\`,
          `  -F model=${model} \\`,
          `  -F file=@recording.wav`,
        ].join('\n'),
      });
    }
  }
  return examples;
}
