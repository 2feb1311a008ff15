import { EMPTY_SEED, RuntimeSeed } from '../seed';
import { DEFAULT_SANDBOX_CREDENTIALS } from '../types';
import {
  KubernetesServerOptions,
  RunningKubernetesServer,
  startKubernetesServer,
} from './startKubernetesServer';

/** The token the test servers accept. */
export const TEST_TOKEN = DEFAULT_SANDBOX_CREDENTIALS.kubernetesToken;

/** An answer of the test server: status, headers and parsed JSON body. */
interface KubeResponse {
  status: number;
  headers: Headers;
  body: any;
}

/** A started test server with a small raw-HTTP client (authenticated unless told otherwise). */
export interface TestKubernetes {
  server: RunningKubernetesServer;
  call(
    method: string,
    path: string,
    options?: {
      body?: unknown;
      contentType?: string;
      token?: string | null;
      userAgent?: string;
    },
  ): Promise<KubeResponse>;
}

/** Starts a sandbox Kubernetes server on port 0 for a test. */
export async function startTestKubernetes(
  options: Partial<KubernetesServerOptions> & { seed?: RuntimeSeed } = {},
): Promise<TestKubernetes> {
  const server = await startKubernetesServer({
    port: 0,
    seed: EMPTY_SEED,
    credentials: DEFAULT_SANDBOX_CREDENTIALS,
    readyAfterMs: 20,
    ...options,
  });
  return {
    server,
    async call(
      method,
      path,
      { body, contentType, token = TEST_TOKEN, userAgent } = {},
    ) {
      const headers: Record<string, string> = {};
      if (token !== null) headers.authorization = `Bearer ${token}`;
      if (userAgent) headers['user-agent'] = userAgent;
      let payload: string | undefined;
      if (body !== undefined) {
        payload = typeof body === 'string' ? body : JSON.stringify(body);
        headers['content-type'] = contentType ?? 'application/json';
      }
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers,
        body: payload,
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // plain text (health endpoints)
      }
      return {
        status: response.status,
        headers: response.headers,
        body: parsed,
      };
    },
  };
}

/** A namespace object. */
export function namespace(name: string) {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** A valid KubeAI Model in `ns`. */
export function model(
  ns: string,
  name: string,
  spec: Record<string, unknown> = {},
  labels?: Record<string, string>,
) {
  return {
    apiVersion: 'kubeai.org/v1',
    kind: 'Model',
    metadata: { name, namespace: ns, ...(labels ? { labels } : {}) },
    spec: {
      url: 'hf://Qwen/Qwen2.5-0.5B-Instruct',
      engine: 'VLLM',
      features: ['TextGeneration'],
      resourceProfile: 'nvidia-gpu-l4:1',
      minReplicas: 1,
      maxReplicas: 2,
      ...spec,
    },
  };
}

/** Polls `check` until it returns a value (not undefined) or the timeout passes. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 2000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}
