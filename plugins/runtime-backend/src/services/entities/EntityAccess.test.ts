import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { EntityAccess } from './EntityAccess';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders', namespace: 'default' },
  spec: {},
};

const request = (user: string) =>
  ({
    params: { kind: 'component', namespace: 'default', name: 'orders' },
    headers: { authorization: mockCredentials.user.header(user) },
  } as any);

describe('EntityAccess', () => {
  it('reads the entity as each caller, sharing a read only within one caller', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async (_ref, { credentials }: any) =>
        credentials.principal.userEntityRef === 'user:default/alice'
          ? entity
          : undefined,
      ),
    });
    const access = new EntityAccess({
      httpAuth: mockServices.httpAuth(),
      catalog,
    });

    await Promise.all(
      Array.from({ length: 10 }, () =>
        access.entityOf(request('user:default/alice')),
      ),
    );
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);

    await expect(
      access.entityOf(request('user:default/mallory')),
    ).rejects.toThrow('No entity component:default/orders');
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(2);
  });

  it('refuses malformed entity names before asking the catalog', async () => {
    const catalog = catalogServiceMock.mock();
    const access = new EntityAccess({
      httpAuth: mockServices.httpAuth(),
      catalog,
    });
    const bad = request('user:default/alice');
    bad.params.name = 'orders/../../x';
    await expect(access.entityOf(bad)).rejects.toThrow(
      "Invalid entity name 'orders/../../x'",
    );
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
  });
});
