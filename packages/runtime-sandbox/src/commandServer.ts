import http from 'node:http';
import type { Sandbox } from './startSandbox';

/** A running sandbox per environment name, e.g. `dev` and `prod`. */
export type SandboxesByEnvironment = Record<
  string,
  Pick<Sandbox, 'stopUpstream' | 'startUpstream'> & { urls: object }
>;

const COMMAND = /^\/upstreams\/(?:([a-z0-9-]+)\/)?([a-z0-9]+)\/(stop|start)$/;

/**
 * The sandbox's development commands, on localhost only: `POST /upstreams/<env>/<upstream>/stop|start`
 * stops or starts one upstream of one environment's sandbox (e.g. `/upstreams/prod/loki/stop`), and
 * `POST /upstreams/<upstream>/stop|start` does it in `defaultEnvironment`'s. Answers 204 when done,
 * 404 for an unknown environment or upstream, 500 with the error when it fails.
 */
export function startCommandServer(
  sandboxes: SandboxesByEnvironment,
  defaultEnvironment: string,
  port: number,
): http.Server {
  const server = http.createServer((req, res) => {
    const match = COMMAND.exec(req.url ?? '');
    const environment = match?.[1] ?? defaultEnvironment;
    const sandbox = Object.hasOwn(sandboxes, environment)
      ? sandboxes[environment]
      : undefined;
    const upstream = match?.[2] as keyof Sandbox['urls'];
    if (
      req.method !== 'POST' ||
      !match ||
      !sandbox ||
      !Object.hasOwn(sandbox.urls, upstream)
    ) {
      res.writeHead(404).end();
      return;
    }
    const action =
      match[3] === 'stop'
        ? sandbox.stopUpstream(upstream)
        : sandbox.startUpstream(upstream);
    action.then(
      () => {
        console.log(
          `runtime-sandbox: ${environment} ${upstream} ${
            match[3] === 'stop' ? 'stopped' : 'started'
          }`,
        );
        res.writeHead(204).end();
      },
      error => res.writeHead(500).end(String(error)),
    );
  });
  server.listen(port, '127.0.0.1');
  return server;
}
