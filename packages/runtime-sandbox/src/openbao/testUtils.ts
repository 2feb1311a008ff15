import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from '../types';
import { EMPTY_SEED, RuntimeSeed } from '../seed';
import { startOpenBaoServer } from './startOpenBaoServer';

/** The root token the test servers accept. */
const ROOT_TOKEN = DEFAULT_SANDBOX_CREDENTIALS.openbaoToken;

/** An answer as a test sees it: status and parsed JSON body (undefined when empty). */
export interface Answer {
  status: number;
  body: any;
}

/** Starts a sandbox OpenBao on a free port for a test file. */
export function startTestOpenBao(
  seed: RuntimeSeed = EMPTY_SEED,
): Promise<RunningServer> {
  return startOpenBaoServer({
    port: 0,
    seed,
    credentials: DEFAULT_SANDBOX_CREDENTIALS,
  });
}

/** Sends one request to the server under test; the root token unless `token` says otherwise. */
export async function call(
  server: RunningServer,
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; namespace?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
  };
  const token = options.token === undefined ? ROOT_TOKEN : options.token;
  if (token !== null) headers['x-vault-token'] = token;
  if (options.namespace) headers['x-vault-namespace'] = options.namespace;
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** An unsigned Kubernetes service-account JWT (projected-token claims) for login tests. */
export function serviceAccountJwt(
  namespace: string,
  name: string,
  extra: object = {},
): string {
  const encode = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  return [
    encode({ alg: 'RS256', kid: 'sandbox' }),
    encode({
      aud: ['https://kubernetes.default.svc'],
      iss: 'https://kubernetes.default.svc',
      sub: `system:serviceaccount:${namespace}:${name}`,
      'kubernetes.io': {
        namespace,
        serviceaccount: { name, uid: `uid-${namespace}-${name}` },
      },
      ...extra,
    }),
    'signature-not-checked',
  ].join('.');
}
