import { runtimePermissions } from './permissions';

describe('runtimePermissions', () => {
  it('has a basic create, update and delete permission per resource type, named as the policy sees them', () => {
    const types = ['inference-endpoint', 'secret', 'bucket', 'workflow'];
    expect(runtimePermissions.map(p => p.name)).toEqual(
      ['create', 'update', 'delete'].flatMap(action =>
        types.map(type => `runtime.${type}.${action}`),
      ),
    );
    for (const permission of runtimePermissions) {
      expect(permission.type).toBe('basic');
      expect(permission.name.endsWith(`.${permission.attributes.action}`)).toBe(
        true,
      );
    }
  });
});
