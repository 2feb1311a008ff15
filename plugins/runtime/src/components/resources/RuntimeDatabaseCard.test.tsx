import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import {
  RUNTIME_ANNOTATIONS,
  RuntimeDatabaseDetails,
  runtimeResourceEntityName,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeDatabaseCard } from './RuntimeDatabaseCard';
import { RuntimeResourceActions } from './actions/RuntimeResourceActions';
import {
  linkNames,
  renderOnEntityPage,
  target,
} from './actions/__testUtils__/renderActions';
import { byteSize } from './byteSize';
import {
  jsonResponse,
  renderResourceCard,
  resourceEntity,
} from './__testUtils__/testHelpers';

const details: RuntimeDatabaseDetails = {
  type: 'database',
  environment: 'dev',
  name: 'orders',
  host: 'postgres.dev.runtime.local',
  port: 5432,
  owner: 'search-team',
  service: 'semantic-search',
  role: 'orders',
  sizeBytes: 7_759_872,
  connections: 3,
  credentialsPath: 'semantic-search/databases/orders',
  pgAdminUrl: 'https://pgadmin.dev.runtime.local',
};

/** The database `orders` as the catalog module writes it, expiring (it records an expiry). */
const databaseEntity: Entity = {
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
      [RUNTIME_ANNOTATIONS.expiresAt]: '2030-01-01T00:00:00Z',
    },
  },
  spec: {
    type: 'database',
    owner: 'group:default/search-team',
    dependencyOf: ['component:default/semantic-search'],
  },
};

describe('RuntimeDatabaseCard', () => {
  it('shows the server, owner, role, size, connections, where the credentials are and a PgAdmin link', async () => {
    await renderResourceCard(
      <RuntimeDatabaseCard />,
      resourceEntity('database'),
      () => jsonResponse(200, details),
    );
    expect(
      await screen.findByText('postgres.dev.runtime.local:5432/orders'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('search-team, for semantic-search'),
    ).toBeInTheDocument();
    expect(screen.getByText('7.4 MB')).toBeInTheDocument();
    expect(screen.getByText('3 open connections')).toBeInTheDocument();
    expect(
      screen.getByText('semantic-search/databases/orders'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Open PgAdmin/ })).toHaveAttribute(
      'href',
      'https://pgadmin.dev.runtime.local',
    );
    expect(
      screen.getByRole('button', { name: 'Copy the address' }),
    ).toBeInTheDocument();
  });

  it('has no PgAdmin link when none is configured, and says when the size cannot be read', async () => {
    await renderResourceCard(
      <RuntimeDatabaseCard />,
      resourceEntity('database'),
      () =>
        jsonResponse(200, {
          ...details,
          pgAdminUrl: undefined,
          sizeBytes: undefined,
          connections: 1,
        }),
    );
    expect(
      await screen.findByText('Not readable by the portal'),
    ).toBeInTheDocument();
    expect(screen.getByText('1 open connection')).toBeInTheDocument();
    expect(screen.queryByText('PgAdmin')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /PgAdmin/ })).toBeNull();
  });
});

describe('the database page actions', () => {
  it('offers Extend (it expires) and Retire, both pre-filled from the entity', async () => {
    await renderOnEntityPage(<RuntimeResourceActions />, databaseEntity);
    await screen.findByRole('link', { name: 'Extend' });
    expect(await linkNames()).toEqual(['Extend', 'Retire']);
    const identity = {
      type: 'database',
      environment: 'dev',
      owner: 'group:default/search-team',
      service: 'component:default/semantic-search',
      name: 'orders',
    };
    expect(target('Extend')).toEqual({
      path: '/create/templates/default/runtime-extend-resource',
      formData: identity,
    });
    expect(screen.getByRole('link', { name: 'Extend' })).toHaveAttribute(
      'title',
      'Keep it longer: it expires at 2030-01-01T00:00:00Z',
    );
    expect(target('Retire')).toEqual({
      path: '/create/templates/default/runtime-retire-resource',
      formData: identity,
    });
  });

  it('offers Retire only for a database that never expires', async () => {
    const { [RUNTIME_ANNOTATIONS.expiresAt]: _expiry, ...annotations } =
      databaseEntity.metadata.annotations!;
    await renderOnEntityPage(<RuntimeResourceActions />, {
      ...databaseEntity,
      metadata: { ...databaseEntity.metadata, annotations },
    });
    expect(await linkNames()).toEqual(['Retire']);
  });
});

describe('byteSize', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [1023, '1023 bytes'],
    [1024, '1.0 kB'],
    [7_759_872, '7.4 MB'],
    [25 * 1024 ** 3, '25 GB'],
    [-1, 'unknown'],
  ])('%d bytes read as %s', (bytes, text) => {
    expect(byteSize(bytes)).toBe(text);
  });
});
