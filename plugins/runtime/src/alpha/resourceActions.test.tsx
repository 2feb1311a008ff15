import { screen, within } from '@testing-library/react';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import plugin from '../alpha';
import { RuntimeApi, runtimeApiRef } from '../api';
import { createFromTemplateRouteRef } from '../routes';
import { endpointEntity } from '../components/resources/actions/__testUtils__/liveEntities';

const never: Pick<RuntimeApi, 'getResourceDetails'> = {
  getResourceDetails: () => new Promise(() => {}),
};

describe('the resource card (new frontend system)', () => {
  it("offers the resource's changes as links to the scaffolder's template page", async () => {
    const tester = createExtensionTester(
      plugin.getExtension('entity-card:runtime/resource'),
    );
    await renderInTestApp(
      <EntityProvider entity={endpointEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [
          [runtimeApiRef, never],
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
          ],
        ],
        mountedRoutes: {
          '/create/templates/:namespace/:templateName':
            createFromTemplateRouteRef,
        },
      },
    );
    const group = await screen.findByRole('group', {
      name: 'Change this resource',
    });
    const retire = await within(group).findByRole('link', { name: 'Retire' });
    expect(retire.getAttribute('href')).toMatch(
      /^\/create\/templates\/default\/runtime-retire-resource\?formData=/,
    );
    expect(within(group).getByRole('link', { name: 'Scale' })).toBeVisible();
  });
});
