import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  coreExtensionData,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import plugin from './alpha';
import { RuntimeEnvironmentPicker } from './scaffolder/RuntimeEnvironmentPicker';
import { RuntimeApi, RuntimeClient, runtimeApiRef } from './api';
import {
  approvalsApi,
  BOB,
} from './components/approvals/__testUtils__/approvalTestKit';

const entity = (
  kind: string,
  type: string,
  extra: Partial<Entity['metadata']> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: `x-${type}`, namespace: 'default', ...extra },
  spec: { type, owner: 'team-a' },
});

const bucket = entity('Resource', 'bucket', {
  annotations: { 'runtime-portal.io/environment': 'dev' },
});
const kubeai = entity('Component', 'runtime-component', {
  name: 'kubeai',
  annotations: {
    'runtime-portal.io/installed.dev': 'true',
    'runtime-portal.io/ready.dev': 'true',
    'runtime-portal.io/version.dev': '0.21.0',
  },
});
const service = entity('Component', 'service', {
  annotations: {
    'backstage.io/kubernetes-id': 'semantic-search',
    'argocd/app-name': 'semantic-search',
  },
});
const plainService = entity('Component', 'service');

const runtimeApi: Pick<
  RuntimeApi,
  'getHealth' | 'getComponentsHealth' | 'getComponentAlerts'
> = {
  getComponentsHealth: async () => ({ environments: [] }),
  getComponentAlerts: async () => ({ environments: [] }),
  getHealth: async () => ({
    status: 'ok',
    environments: [{ name: 'dev', title: 'Development', upstreams: [] }],
  }),
};

describe('runtime frontend plugin (new frontend system)', () => {
  it('is the runtime plugin', () => {
    expect(plugin.pluginId).toBe('runtime');
    expect(plugin.title).toBe('Runtime');
  });

  it('provides the runtime API', () => {
    const tester = createExtensionTester(plugin.getExtension('api:runtime'));
    const factory = tester.get(ApiBlueprint.dataRefs.factory);
    expect(factory.api.id).toBe(runtimeApiRef.id);
    expect(
      Object.values(factory.deps)
        .map(d => d.id)
        .sort(),
    ).toEqual([discoveryApiRef.id, fetchApiRef.id].sort());
  });

  it('mounts the Runtime page at /runtime, titled for the navigation, and renders it', async () => {
    const tester = createExtensionTester(plugin.getExtension('page:runtime'));
    expect(tester.get(coreExtensionData.routePath)).toBe('/runtime');
    expect(tester.get(coreExtensionData.title)).toBe('Runtime');
    expect(tester.get(coreExtensionData.icon)).toBeTruthy();

    await renderInTestApp(tester.reactElement(), {
      apis: [
        [runtimeApiRef, runtimeApi],
        [catalogApiRef, catalogApiMock({ entities: [kubeai] })],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(await screen.findByText('Capability areas')).toBeInTheDocument();
    const row = await screen.findByTestId('runtime-component-kubeai');
    expect(
      await within(row).findByText('Development: Ready'),
    ).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'KubeAI' })).toHaveAttribute(
      'href',
      '/catalog/default/component/kubeai',
    );
  });

  it.each([
    ['/runtime/approvals', 'link', 'runtime:bucket:delete'],
    ['/runtime/approvals/apr-1', 'button', 'Approve'],
  ] as const)(
    'routes %s to its approvals page, with the Approvals link in the header',
    async (url, role, name) => {
      await renderTestApp({
        features: [plugin],
        initialRouteEntries: [url],
        apis: [
          [runtimeApiRef, approvalsApi()],
          mockApis.identity(BOB),
          [catalogApiRef, catalogApiMock()],
        ],
      });
      expect(await screen.findByRole(role, { name })).toBeInTheDocument();
      expect(
        await screen.findByRole('link', { name: 'Approvals' }),
      ).toHaveAttribute('href', '/runtime/approvals');
    },
  );

  it('offers the RuntimeEnvironmentPicker form field to the scaffolder', async () => {
    const tester = createExtensionTester(
      plugin.getExtension(
        'scaffolder-form-field:runtime/runtime-environment-picker',
      ),
    );
    const loadField = tester.get(FormFieldBlueprint.dataRefs.formFieldLoader);
    const field = (await loadField()) as unknown as {
      name: string;
      component: unknown;
    };
    expect(field.name).toBe('RuntimeEnvironmentPicker');
    expect(field.component).toBe(RuntimeEnvironmentPicker);
  });

  it.each([
    ['entity-card:runtime/observability', service, plainService],
    ['entity-card:runtime/delivery', service, plainService],
    ['entity-card:runtime/resource', bucket, kubeai],
    ['entity-card:runtime/component-status', kubeai, bucket],
  ] as const)('offers %s for the entities it fits', (id, fits, doesNotFit) => {
    const tester = createExtensionTester(plugin.getExtension(id));
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter).toBeDefined();
    expect(filter!(fits)).toBe(true);
    expect(filter!(doesNotFit)).toBe(false);
    expect(tester.reactElement()).toBeTruthy();
  });

  it('renders the component status card on a runtime Component', async () => {
    const tester = createExtensionTester(
      plugin.getExtension('entity-card:runtime/component-status'),
    );
    await renderInTestApp(
      <EntityProvider entity={kubeai}>{tester.reactElement()}</EntityProvider>,
    );
    expect(await screen.findByText('Installations')).toBeInTheDocument();
    expect(screen.getByText('0.21.0')).toBeInTheDocument();
  });

  it('renders the resource card on a runtime Resource with its live details', async () => {
    const tester = createExtensionTester(
      plugin.getExtension('entity-card:runtime/resource'),
    );
    const urls: string[] = [];
    const discoveryApi = {
      getBaseUrl: async (id: string) => `http://backstage.test/api/${id}`,
    };
    const fetchApi = {
      fetch: async (input: RequestInfo | URL) => {
        urls.push(String(input));
        return new Response(
          JSON.stringify({
            type: 'bucket',
            environment: 'dev',
            name: 'recordings',
            endpoint: 'http://minio.test:9000',
            versioning: 'Suspended',
            tags: {},
          }),
          {
            status: 200,
            headers: { 'content-type': 'application/json' },
          },
        );
      },
    };
    await renderInTestApp(
      <EntityProvider entity={bucket}>{tester.reactElement()}</EntityProvider>,
      {
        apis: [
          [discoveryApiRef, discoveryApi],
          [fetchApiRef, fetchApi],
          // As the plugin's own API factory makes it from the two above.
          [runtimeApiRef, new RuntimeClient({ discoveryApi, fetchApi })],
        ],
      },
    );
    expect(
      await screen.findByText('http://minio.test:9000'),
    ).toBeInTheDocument();
    expect(screen.getByText('Suspended')).toBeInTheDocument();
    expect(urls).toEqual([
      'http://backstage.test/api/runtime/entity/Resource/default/x-bucket/resource',
    ]);
  });

  it.each([
    ['entity-content:runtime/observability', 'observability', 'Observability'],
    ['entity-content:runtime/delivery', 'delivery', 'Delivery'],
  ] as const)('adds the %s tab', (id, path, title) => {
    const tester = createExtensionTester(plugin.getExtension(id));
    expect(tester.get(coreExtensionData.routePath)).toBe(path);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(title);
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter!(service)).toBe(true);
    expect(filter!(plainService)).toBe(false);
  });
});
