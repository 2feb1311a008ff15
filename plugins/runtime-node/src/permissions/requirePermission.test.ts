import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { requirePermission } from './requirePermission';

const permission = createPermission({
  name: 'runtime.example.create',
  attributes: { action: 'create' },
});

describe('requirePermission', () => {
  it('lets an allowed caller through, asking about that permission for those credentials', async () => {
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockResolvedValue([
      { result: AuthorizeResult.ALLOW },
    ]);
    const credentials = mockCredentials.user('user:default/ada');

    await expect(
      requirePermission(permissions, permission, credentials),
    ).resolves.toBeUndefined();
    expect(permissions.authorize).toHaveBeenCalledWith([{ permission }], {
      credentials,
    });
  });

  it('refuses a denied caller with a NotAllowedError naming the permission', async () => {
    const permissions = mockServices.permissions({ result: 'DENY' });

    const refusal = requirePermission(
      permissions,
      permission,
      mockCredentials.user(),
    );
    await expect(refusal).rejects.toThrow(NotAllowedError);
    await expect(refusal).rejects.toThrow(
      'Not allowed: the permission runtime.example.create is required',
    );
  });
});
