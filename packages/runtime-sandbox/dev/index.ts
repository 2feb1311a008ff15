import http from 'node:http';
import { SandboxUpstream, startSandbox } from '../src';

/** Where the sandbox takes development commands (stop or start one upstream), on localhost only. */
const ADMIN_PORT = Number(process.env.RUNTIME_SANDBOX_ADMIN_PORT ?? 7999);

// `yarn start` in this package (or the repository's ./scripts/start): the sandbox on its default ports.
startSandbox()
  .then(sandbox => {
    for (const [upstream, url] of Object.entries(sandbox.urls)) {
      console.log(`runtime-sandbox: ${upstream} on ${url}`);
    }
    const admin = sandbox.adminCredentials;
    console.log(
      `runtime-sandbox: the portal runs with the least-privilege identities of deploy/; administrator: Kubernetes token ${admin.kubernetesToken}, OpenBao token ${admin.openbaoToken}, MinIO keys ${admin.s3AccessKeyId} / ${admin.s3SecretAccessKey}`,
    );
    // POST /upstreams/<name>/stop|start: see a page degrade when one upstream is down, and recover.
    const commands = http.createServer((req, res) => {
      const match = /^\/upstreams\/([a-z0-9]+)\/(stop|start)$/.exec(
        req.url ?? '',
      );
      const upstream = match?.[1] as SandboxUpstream | undefined;
      if (req.method !== 'POST' || !match || !(upstream! in sandbox.urls)) {
        res.writeHead(404).end();
        return;
      }
      const action =
        match[2] === 'stop'
          ? sandbox.stopUpstream(upstream!)
          : sandbox.startUpstream(upstream!);
      action.then(
        () => {
          console.log(`runtime-sandbox: ${upstream} ${match[2]}ped`);
          res.writeHead(204).end();
        },
        error => res.writeHead(500).end(String(error)),
      );
    });
    commands.listen(ADMIN_PORT, '127.0.0.1');
    const stop = () => {
      commands.close();
      sandbox.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  })
  .catch(error => {
    console.error(`runtime-sandbox: failed to start: ${error.message}`);
    process.exit(1);
  });
