import { Client } from 'pg';
import {
  Sandbox,
  sandboxEnvironmentConfig,
  startSandbox,
} from '../startSandbox';

describe('the sandbox PostgreSQL', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ ports: 'free', readyAfterMs: 0 });
  });
  afterAll(() => sandbox?.close());

  const connectAsPortal = async () => {
    const { postgres } = sandboxEnvironmentConfig(sandbox);
    const client = new Client({ ...postgres, database: 'postgres' });
    client.on('error', () => {});
    await client.connect();
    return client;
  };

  it('is an upstream with a postgresql URL, and the environment config reaches it as the portal', async () => {
    expect(sandbox.urls.postgres).toMatch(/^postgresql:\/\/127\.0\.0\.1:\d+$/);
    expect(sandboxEnvironmentConfig(sandbox).postgres).toEqual({
      host: '127.0.0.1',
      port: Number(new URL(sandbox.urls.postgres).port),
      user: 'runtime_portal',
      password: sandbox.credentials.postgresPassword,
    });
    const client = await connectAsPortal();
    const { rows } = await client.query('SELECT current_user AS user');
    await client.end();
    expect(rows).toEqual([{ user: 'runtime_portal' }]);
  });

  it('is in the snapshot, with the seeded team database', async () => {
    const { postgres } = await sandbox.snapshot();
    expect(Object.keys(postgres.databases)).toEqual(['search_feedback']);
    expect(postgres.roles.search_feedback).toEqual({
      canLogin: true,
      comment: JSON.stringify({
        owner: 'search-team',
        service: 'semantic-search',
      }),
    });
  });

  it('stops and starts again from the seed on the same port', async () => {
    const client = await connectAsPortal();
    await client.query('CREATE DATABASE made_before_stop');
    await client.end();
    await sandbox.stopUpstream('postgres');
    await expect(connectAsPortal()).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    await sandbox.startUpstream('postgres');
    const again = await connectAsPortal();
    await again.end();
    expect(Object.keys((await sandbox.snapshot()).postgres.databases)).toEqual([
      'search_feedback',
    ]);
  });
});
