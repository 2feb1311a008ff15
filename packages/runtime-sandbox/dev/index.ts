import { startProdSandbox, startSandbox } from '../src';
import { startCommandServer } from '../src/commandServer';

/** Where the sandbox takes development commands (stop or start one upstream), on localhost only. */
const ADMIN_PORT = Number(process.env.RUNTIME_SANDBOX_ADMIN_PORT ?? 7999);

// `yarn start` in this package (or the repository's ./scripts/start): the sandboxes of the two Runtime
// environments on their default ports: `dev` with every upstream (GitLab, Harbor and Keycloak, which
// are platform-wide, too) and `prod` with its own per-environment upstreams on PROD_SANDBOX_PORTS.
async function main() {
  const dev = await startSandbox();
  const prod = await startProdSandbox({
    links: { gitlab: dev.urls.gitlab, harbor: dev.urls.harbor },
  }).catch(async error => {
    await dev.close();
    throw error;
  });
  for (const [environment, sandbox] of Object.entries({ dev, prod })) {
    for (const [upstream, url] of Object.entries(sandbox.urls)) {
      console.log(`runtime-sandbox: ${environment} ${upstream} on ${url}`);
    }
  }
  const admin = dev.adminCredentials;
  console.log(
    `runtime-sandbox: the portal runs with the least-privilege identities of deploy/ in both environments; administrator: Kubernetes token ${admin.kubernetesToken}, OpenBao token ${admin.openbaoToken}, MinIO keys ${admin.s3AccessKeyId} / ${admin.s3SecretAccessKey}`,
  );
  // POST /upstreams/[<env>/]<name>/stop|start: see a page degrade when one upstream is down, and recover.
  const commands = startCommandServer({ dev, prod }, 'dev', ADMIN_PORT);
  console.log(
    `runtime-sandbox: commands on http://127.0.0.1:${ADMIN_PORT}: POST /upstreams/[dev|prod/]<upstream>/stop|start`,
  );
  const stop = () => {
    commands.close();
    Promise.all([dev.close(), prod.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  console.error(`runtime-sandbox: failed to start: ${error.message}`);
  process.exit(1);
});
