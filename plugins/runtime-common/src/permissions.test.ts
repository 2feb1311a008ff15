import { runtimePermissions } from './permissions';

describe('runtimePermissions', () => {
  it('has one basic create permission per provisioning family, named as the policy sees them', () => {
    expect(runtimePermissions.map(p => p.name)).toEqual([
      'runtime.inference-endpoint.create',
      'runtime.secret.create',
      'runtime.bucket.create',
      'runtime.workflow.create',
    ]);
    for (const permission of runtimePermissions) {
      expect(permission.type).toBe('basic');
      expect(permission.attributes.action).toBe('create');
    }
  });
});
