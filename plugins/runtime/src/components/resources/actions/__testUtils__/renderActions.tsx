import { ReactElement } from 'react';
import { act, screen, waitFor, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { RuntimeApi, runtimeApiRef } from '../../../../api';
import { createFromTemplateRouteRef } from '../../../../routes';

const TEMPLATES = '/create/templates/:namespace/:templateName';

/** The permissions the permission API has answered so far. */
export const answered: string[] = [];

/**
 * Renders on the page of `entity`, with the scaffolder's template page mounted unless `bound` is false;
 * the permission API allows all but the `deny` permissions.
 */
export async function renderOnEntityPage(
  element: ReactElement,
  entity: Entity,
  options: {
    deny?: string[];
    bound?: boolean;
    api?: Partial<RuntimeApi>;
  } = {},
) {
  answered.length = 0;
  const permissionApi: PermissionApi = {
    authorize: async (request: EvaluatePermissionRequest) => {
      answered.push(request.permission.name);
      return {
        result: options.deny?.includes(request.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      };
    },
  };
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [permissionApiRef, permissionApi],
        [runtimeApiRef, options.api ?? {}],
      ]}
    >
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...(options.bound === false
          ? {}
          : { [TEMPLATES]: createFromTemplateRouteRef }),
      },
    },
  );
}

/**
 * Waits until the permission API has answered `name` and the answer has been rendered. A
 * permission the same test file asked before may be answered from usePermission's (SWR) cache without a
 * request: test a denial in a file that has not asked for that permission yet.
 */
export async function settled(name: string) {
  await waitFor(() => expect(answered).toContain(name));
  await act(async () => {});
}

/** The names of the change links, in order, once the permissions have answered. */
export async function linkNames() {
  const group = await screen.findByRole('group', {
    name: 'Change this resource',
  });
  await within(group).findByRole('link', { name: 'Retire' });
  return within(group)
    .getAllByRole('link')
    .map(link => link.textContent);
}

/** The template path and the pre-filled form of a change link. */
export function target(name: string) {
  const url = new URL(
    screen.getByRole('link', { name }).getAttribute('href')!,
    'http://app.test',
  );
  return {
    path: url.pathname,
    formData: JSON.parse(url.searchParams.get('formData')!),
  };
}

/** The identity every live entity of `liveEntities` has. */
export const where = {
  environment: 'dev',
  owner: 'group:default/team-a',
  service: 'component:default/semantic-search',
};
