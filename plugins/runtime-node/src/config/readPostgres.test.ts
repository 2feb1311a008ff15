import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { readRuntimeEnvironments } from './readRuntimeEnvironments';

const read = (postgres: JsonValue) =>
  readRuntimeEnvironments(
    new ConfigReader({
      runtime: { environments: [{ name: 'dev', postgres }] },
    }),
  )[0].postgres;

describe('runtime.environments[].postgres', () => {
  it('applies the defaults', () => {
    expect(
      read({ host: 'db.example.com', user: 'runtime_portal', password: 'p' }),
    ).toEqual({
      host: 'db.example.com',
      port: 5432,
      user: 'runtime_portal',
      password: 'p',
      database: 'postgres',
      ssl: false,
      pgAdminUrl: undefined,
      timeoutMs: 10000,
    });
  });

  it('reads every setting', () => {
    expect(
      read({
        host: '127.0.0.1',
        port: 5433,
        user: 'portal',
        password: 'p',
        database: 'maintenance',
        ssl: true,
        pgAdminUrl: 'https://pgadmin.example.com/',
        timeoutMs: 2000,
      }),
    ).toEqual({
      host: '127.0.0.1',
      port: 5433,
      user: 'portal',
      password: 'p',
      database: 'maintenance',
      ssl: true,
      pgAdminUrl: 'https://pgadmin.example.com',
      timeoutMs: 2000,
    });
  });

  it('is absent when not configured', () => {
    expect(read(undefined as unknown as JsonValue)).toBeUndefined();
  });

  it.each([
    [{ user: 'u', password: 'p' }, /postgres\.host/],
    [{ host: 'h', password: 'p' }, /postgres\.user/],
    [{ host: 'h', user: 'u' }, /postgres\.password/],
    [
      { host: 'postgres://h', user: 'u', password: 'p' },
      /postgres\.host.*without scheme/,
    ],
    [{ host: 'h', port: 70000, user: 'u', password: 'p' }, /postgres\.port/],
    [{ host: 'h', user: 'Portal', password: 'p' }, /postgres\.user.*role name/],
    [
      { host: 'h', user: 'u', password: 'p', database: 'a-b' },
      /postgres\.database/,
    ],
    [
      { host: 'h', user: 'u', password: 'p', timeoutMs: 0 },
      /postgres\.timeoutMs/,
    ],
    [
      { host: 'h', user: 'u', password: 'p', pgAdminUrl: 'ftp://x' },
      /postgres\.pgAdminUrl/,
    ],
  ])('refuses %j naming the key', (postgres, message) => {
    expect(() => read(postgres)).toThrow(message);
  });

  it('never puts the password into an error', () => {
    expect(() =>
      read({ host: 'bad host', user: 'u', password: 'hunter2-secret' }),
    ).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining('hunter2'),
      }),
    );
  });
});
