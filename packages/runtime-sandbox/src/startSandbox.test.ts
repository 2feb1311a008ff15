import { Sandbox, startSandbox } from './startSandbox';
import { DEFAULT_SANDBOX_ADMIN_CREDENTIALS } from './types';

/** The status of a GET with a bearer token (Kubernetes) or an X-Vault-Token (OpenBao). */
async function statusOf(url: string, headers: Record<string, string>) {
  return (await fetch(url, { headers })).status;
}

async function secretReads(
  sandbox: Sandbox,
  as: 'credentials' | 'adminCredentials',
) {
  const credentials = sandbox[as];
  return {
    kubernetes: await statusOf(
      `${sandbox.urls.kubernetes}/api/v1/namespaces/team-search/secrets`,
      { authorization: `Bearer ${credentials.kubernetesToken}` },
    ),
    openbao: await statusOf(
      `${sandbox.urls.openbao}/v1/secret/data/semantic-search/database`,
      { 'x-vault-token': credentials.openbaoToken },
    ),
  };
}

describe('startSandbox identities', () => {
  it('gives the portal the least-privilege identities and keeps the administrator apart', async () => {
    const sandbox = await startSandbox({ ports: 'free', readyAfterMs: 0 });
    try {
      expect(sandbox.adminCredentials).toEqual(
        DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
      );
      expect(await secretReads(sandbox, 'credentials')).toEqual({
        kubernetes: 403,
        openbao: 403,
      });
      // The administrator passes.
      expect(await secretReads(sandbox, 'adminCredentials')).toEqual({
        kubernetes: 200,
        openbao: 200,
      });
    } finally {
      await sandbox.close();
    }
  });

  it('gives the portal the administrator credentials with leastPrivilege: false', async () => {
    const sandbox = await startSandbox({
      ports: 'free',
      readyAfterMs: 0,
      leastPrivilege: false,
    });
    try {
      expect(sandbox.adminCredentials).toEqual(sandbox.credentials);
      expect(await secretReads(sandbox, 'credentials')).toEqual({
        kubernetes: 200,
        openbao: 200,
      });
    } finally {
      await sandbox.close();
    }
  });
});
