import { ReactElement } from 'react';
import { Entity } from '@backstage/catalog-model';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import { RuntimeApi, runtimeApiRef } from '../api';
import { serviceEntity } from './fixtures';

/**
 * Renders a component on an entity page with a runtime API double and a permission API that
 * answers `permission` (allow by default).
 */
export function renderEntityComponent(
  element: ReactElement,
  api: Partial<RuntimeApi>,
  entity: Entity = serviceEntity,
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [runtimeApiRef, api],
        [permissionApiRef, mockApis.permission({ authorize: permission })],
      ]}
    >
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** A promise that never settles, to see a loading state. */
export const never = <T,>() => new Promise<T>(() => {});

/** The ResponseError the runtime client throws when the backend answers `status`. */
export function responseError(status: number, message: string) {
  const body = JSON.stringify({
    error: {
      name: status === 404 ? 'NotFoundError' : 'NotAllowedError',
      message,
    },
    response: { statusCode: status },
  });
  return ResponseError.fromResponse({
    ok: false,
    status,
    statusText: status === 404 ? 'Not Found' : 'Forbidden',
    type: 'default',
    url: 'http://backstage.test/api/runtime',
    redirected: false,
    headers: new Headers({ 'content-type': 'application/json' }),
    text: async () => body,
  });
}
