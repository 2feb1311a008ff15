import { runtimePermissions } from './permissions';

describe('runtimePermissions', () => {
  it('has a basic create, update and delete permission per resource type, named as the policy sees them', () => {
    const types = ['inference-endpoint', 'secret', 'bucket', 'workflow'];
    expect(runtimePermissions.map(p => p.name)).toEqual([
      ...['create', 'update', 'delete'].flatMap(action =>
        types.map(type => `runtime.${type}.${action}`),
      ),
      // Databases and routes are created, extended (their expiry is all that changes in place) and
      // retired; an Argo CD Application is only created (its sync is runtime.deployment.sync).
      'runtime.database.create',
      'runtime.database.update',
      'runtime.database.delete',
      'runtime.route.create',
      'runtime.route.update',
      'runtime.route.delete',
      'runtime.application.create',
    ]);
    for (const permission of runtimePermissions) {
      expect(permission.type).toBe('basic');
      expect(permission.name.endsWith(`.${permission.attributes.action}`)).toBe(
        true,
      );
    }
  });
});
