/*
 * scripts/image-check's stand-in for the Runtime: the runtime sandbox on free ports, its Keycloak
 * accepting the sign-in callback of the backend under test. Writes the environment variables that
 * app-config.production.yaml reads for the Runtime and Keycloak (as the Deployment's env and Secret
 * would give them) as one JSON object to <env file>, then runs until SIGTERM or SIGINT.
 *
 *   node --require @backstage/cli-node/config/nodeTransform.cjs \
 *     scripts/image-check-support/sandbox.ts <backend base URL> <env file>
 */
import fs from 'node:fs';
import { startSandbox } from '@runtime-portal/runtime-sandbox';

async function main() {
  const [backendBaseUrl, envFile] = process.argv.slice(2);
  if (!backendBaseUrl || !envFile) {
    throw new Error('usage: sandbox.ts <backend base URL> <env file>');
  }
  const sandbox = await startSandbox({
    ports: 'free',
    keycloakRedirectUris: [`${backendBaseUrl}/api/auth/oidc/handler/frame`],
  });
  const { urls, credentials } = sandbox;
  const env = {
    RUNTIME_ENVIRONMENT_NAME: 'staging',
    KUBERNETES_API_URL: urls.kubernetes,
    KUBERNETES_SERVICE_ACCOUNT_TOKEN: credentials.kubernetesToken,
    KUBERNETES_SKIP_TLS_VERIFY: 'true',
    OPENBAO_URL: urls.openbao,
    OPENBAO_TOKEN: credentials.openbaoToken,
    MINIO_ENDPOINT: urls.s3,
    MINIO_ACCESS_KEY: credentials.s3AccessKeyId,
    MINIO_SECRET_KEY: credentials.s3SecretAccessKey,
    TEMPORAL_HTTP_URL: urls.temporal,
    KEYCLOAK_BASE_URL: urls.keycloak,
    KEYCLOAK_REALM: 'runtime',
    KEYCLOAK_CLIENT_ID: credentials.keycloakClientId,
    KEYCLOAK_CLIENT_SECRET: credentials.keycloakClientSecret,
  };
  // Written whole, then renamed: the script waits for the file and never reads half of it.
  fs.writeFileSync(`${envFile}.partial`, JSON.stringify(env));
  fs.renameSync(`${envFile}.partial`, envFile);
  console.log(`image-check sandbox: ready, environment in ${envFile}`);

  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
