import {
  bucketKeysGrantName,
  secretGrantName,
  secretReadGrantName,
} from './grantNames';

describe('grant names', () => {
  it('never give two resources the same name (the parts cannot contain the separator)', () => {
    const names = [
      secretGrantName('a-b', 'c'),
      secretGrantName('a', 'b-c'),
      secretGrantName('svc', 'bucket-x'),
      secretGrantName('svc-bucket', 'x'),
      bucketKeysGrantName('x'),
      bucketKeysGrantName('svc-bucket-x'),
      secretGrantName('runtime', 'bucket'),
    ];
    expect(new Set(names).size).toBe(names.length);
    expect(secretGrantName('semantic-search', 'api-key')).toBe(
      'runtime_secret_semantic-search_api-key',
    );
    expect(bucketKeysGrantName('my.data-bucket')).toBe(
      'runtime_bucket_my.data-bucket',
    );
  });

  it('are OpenBao Kubernetes auth role names (GenericNameRegex)', () => {
    const roleName = /^\w([\w.-]*\w)?$/;
    expect(secretGrantName('a', 'b')).toMatch(roleName);
    expect(bucketKeysGrantName('a.b-c')).toMatch(roleName);
  });

  it('name the grant of a path the actions write, and nothing for other paths', () => {
    expect(secretReadGrantName('svc/api-key')).toBe(
      secretGrantName('svc', 'api-key'),
    );
    expect(secretReadGrantName('svc/buckets/data')).toBe(
      bucketKeysGrantName('data'),
    );
    expect(secretReadGrantName('svc/buckets')).toBe(
      secretGrantName('svc', 'buckets'),
    );
    expect(secretReadGrantName('a/b/c')).toBeUndefined();
    expect(secretReadGrantName('lonely')).toBeUndefined();
  });
});
