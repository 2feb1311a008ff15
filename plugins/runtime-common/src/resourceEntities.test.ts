import { runtimeResourceEntityName } from './resourceEntities';

describe('runtimeResourceEntityName', () => {
  it('joins environment, type, scope and name', () => {
    expect(
      runtimeResourceEntityName({
        environment: 'dev',
        type: 'inference-endpoint',
        scope: 'team-search',
        name: 'bge-small',
      }),
    ).toBe('dev-endpoint-team-search-bge-small');
    expect(
      runtimeResourceEntityName({
        environment: 'prod',
        type: 'bucket',
        name: 'recordings',
      }),
    ).toBe('prod-bucket-recordings');
  });

  it("names an adopter's own type by the type itself", () => {
    expect(
      runtimeResourceEntityName({
        environment: 'dev',
        type: 'queue',
        scope: 'team-a',
        name: 'orders',
      }),
    ).toBe('dev-queue-team-a-orders');
    expect(
      runtimeResourceEntityName({
        environment: 'dev',
        type: 'constructor',
        name: 'x',
      }),
    ).toBe('dev-constructor-x');
  });

  it('puts the configured prefix first', () => {
    expect(
      runtimeResourceEntityName({
        prefix: 'rt',
        environment: 'dev',
        type: 'bucket',
        name: 'recordings',
      }),
    ).toBe('rt-dev-bucket-recordings');
  });

  it('keeps names unique across environments and types', () => {
    const names = new Set(
      ['dev', 'prod'].flatMap(environment =>
        (['bucket', 'workflow', 'secret'] as const).map(type =>
          runtimeResourceEntityName({ environment, type, name: 'x' }),
        ),
      ),
    );
    expect(names.size).toBe(6);
  });

  it('makes a valid, distinct name from characters entity names do not allow', () => {
    const a = runtimeResourceEntityName({
      environment: 'dev',
      type: 'secret',
      name: 'team/db',
    });
    const b = runtimeResourceEntityName({
      environment: 'dev',
      type: 'secret',
      name: 'team-db',
    });
    expect(a).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(a).not.toBe(b);
  });

  it('shortens long names to 63 characters, keeping them distinct and stable', () => {
    const long = (n: string) =>
      runtimeResourceEntityName({
        environment: 'staging',
        type: 'inference-endpoint',
        scope: 'team-with-a-long-namespace',
        name: `model-${'x'.repeat(40)}-${n}`,
      });
    expect(long('a')).toHaveLength(63);
    expect(long('a')).not.toBe(long('b'));
    expect(long('a')).toBe(long('a'));
  });
});
