import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import {
  RUNTIME_ANNOTATIONS,
  runtimeResourceEntityName,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeResourceActions } from './RuntimeResourceActions';
import { routeEntity } from '../__testUtils__/routeEntity';
import {
  linkNames,
  renderOnEntityPage,
  settled,
} from './__testUtils__/renderActions';

const EXPIRES_AT = { [RUNTIME_ANNOTATIONS.expiresAt]: '2030-02-01T00:00:00Z' };

/** The database `orders` as the catalog module writes it, expiring. */
const expiringDatabase: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: runtimeResourceEntityName({
      environment: 'dev',
      type: 'database',
      name: 'orders',
    }),
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': 'runtime:dev/postgres',
      'backstage.io/managed-by-origin-location': 'runtime:dev/postgres',
      [RUNTIME_ANNOTATIONS.environment]: 'dev',
      [RUNTIME_ANNOTATIONS.upstreamRef]: 'postgresql://127.0.0.1:5433/orders',
      ...EXPIRES_AT,
    },
  },
  spec: {
    type: 'database',
    owner: 'group:default/search-team',
    dependencyOf: ['component:default/semantic-search'],
  },
};

// In a file of its own: usePermission caches each answer (SWR) for the whole file, so each denial
// is of a permission no other test here asks for.
describe('Extend of a database or route without the update permission', () => {
  it.each([
    ['database', expiringDatabase, 'runtime.database.update'],
    ['route', routeEntity(EXPIRES_AT), 'runtime.route.update'],
  ])(
    'hides Extend of an expiring %s without %s, keeping Retire',
    async (_type, entity, permission) => {
      await renderOnEntityPage(<RuntimeResourceActions />, entity, {
        deny: [permission],
      });
      await settled(permission);
      expect(await linkNames()).toEqual(['Retire']);
      expect(screen.queryByRole('link', { name: 'Extend' })).toBeNull();
    },
  );
});
