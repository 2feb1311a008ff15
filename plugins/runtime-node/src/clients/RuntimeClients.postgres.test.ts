import { PostgresClient } from '../postgres';
import { RuntimeClients } from './RuntimeClients';

describe('RuntimeClients postgres', () => {
  const postgres = {
    host: '127.0.0.1',
    port: 1,
    user: 'runtime_portal',
    password: 'p',
    database: 'postgres',
    ssl: false,
    timeoutMs: 500,
  };

  it('makes one PostgresClient per environment, closes it, and makes a new one after', async () => {
    const clients = new RuntimeClients([
      { name: 'dev', title: 'dev', postgres },
      { name: 'prod', title: 'prod' },
    ]);
    const dev = clients.client('dev', 'postgres');
    expect(dev).toBeInstanceOf(PostgresClient);
    expect(clients.client('dev', 'postgres')).toBe(dev);
    expect(clients.has('prod', 'postgres')).toBe(false);
    expect(() => clients.client('prod', 'postgres')).toThrow(
      "Runtime environment 'prod' has no postgres configured",
    );
    await clients.close();
    await expect(dev.listDatabases()).rejects.toThrow();
    expect(clients.client('dev', 'postgres')).not.toBe(dev);
    await clients.close();
  });
});
