import { allows, capabilitiesOn, parseAclPolicy } from './aclPolicy';

describe('parseAclPolicy', () => {
  it('reads path blocks with capabilities, ignoring comments', () => {
    const rules = parseAclPolicy(`
      # the service's secrets
      path "secret/data/team-a/*" {
        capabilities = ["read", "list"]
      }
      // and their metadata
      path "secret/metadata/team-a/*" { capabilities = ["read"] }
    `);
    expect(rules).toEqual([
      { path: 'secret/data/team-a/*', capabilities: ['read', 'list'] },
      { path: 'secret/metadata/team-a/*', capabilities: ['read'] },
    ]);
  });

  it('reads the JSON form', () => {
    expect(
      parseAclPolicy('{"path": {"secret/*": {"capabilities": ["read"]}}}'),
    ).toEqual([{ path: 'secret/*', capabilities: ['read'] }]);
  });

  it('rejects unknown capabilities and keys with OpenBao wording', () => {
    expect(() =>
      parseAclPolicy('path "a" { capabilities = ["reed"] }'),
    ).toThrow('failed to parse policy: path "a": invalid capability "reed"');
    expect(() =>
      parseAclPolicy('paths "a" { capabilities = ["read"] }'),
    ).toThrow('failed to parse policy: invalid key "paths" on line 1');
    expect(() => parseAclPolicy('path "a" { capabilities = ["read"]')).toThrow(
      /^failed to parse policy: /,
    );
  });
});

describe('capabilitiesOn', () => {
  const rules = parseAclPolicy(`
    path "secret/data/*" { capabilities = ["list"] }
    path "secret/data/team-a/*" { capabilities = ["read"] }
    path "secret/data/team-a/db" { capabilities = ["update"] }
    path "secret/data/team-a/locked" { capabilities = ["deny"] }
    path "secret/metadata/+/shared" { capabilities = ["read"] }
  `);

  it('prefers an exact rule over any glob', () => {
    expect([...capabilitiesOn(rules, 'secret/data/team-a/db')]).toEqual([
      'update',
    ]);
  });

  it('uses the longest matching glob, without unioning shorter ones', () => {
    expect([...capabilitiesOn(rules, 'secret/data/team-a/api')]).toEqual([
      'read',
    ]);
    expect([...capabilitiesOn(rules, 'secret/data/team-b/api')]).toEqual([
      'list',
    ]);
  });

  it('matches + as exactly one path segment', () => {
    expect(
      allows(capabilitiesOn(rules, 'secret/metadata/team-b/shared'), 'read'),
    ).toBe(true);
    expect(
      allows(capabilitiesOn(rules, 'secret/metadata/a/b/shared'), 'read'),
    ).toBe(false);
  });

  it('lets deny win and grants nothing on unmatched paths', () => {
    expect(
      allows(capabilitiesOn(rules, 'secret/data/team-a/locked'), 'read'),
    ).toBe(false);
    expect(capabilitiesOn(rules, 'sys/policies/acl/x').size).toBe(0);
  });

  it('merges the same pattern across policies', () => {
    const merged = [
      ...parseAclPolicy('path "kv/x" { capabilities = ["read"] }'),
      ...parseAclPolicy('path "kv/x" { capabilities = ["list"] }'),
    ];
    expect([...capabilitiesOn(merged, 'kv/x')].sort()).toEqual([
      'list',
      'read',
    ]);
  });
});
