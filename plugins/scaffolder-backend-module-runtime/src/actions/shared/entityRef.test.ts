import { runtimeResourceEntityRef } from './entityRef';

describe('runtimeResourceEntityRef', () => {
  it('refers to the entity the catalog module makes, prefix included', () => {
    const parts = {
      environment: 'dev',
      type: 'bucket' as const,
      name: 'recordings',
    };
    expect(runtimeResourceEntityRef(parts)).toBe(
      'resource:default/dev-bucket-recordings',
    );
    expect(runtimeResourceEntityRef({ ...parts, prefix: 'rt' })).toBe(
      'resource:default/rt-dev-bucket-recordings',
    );
  });
});
