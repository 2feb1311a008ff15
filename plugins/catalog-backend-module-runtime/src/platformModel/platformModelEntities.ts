import { Entity } from '@backstage/catalog-model';
import {
  RUNTIME_APIS,
  RUNTIME_CAPABILITY_AREAS,
  RUNTIME_COMPONENTS,
  RuntimeApiDefinition,
} from '@runtime-portal/backstage-plugin-runtime-common';
import yaml from 'yaml';

/** The location every platform-model entity is managed by. */
export const PLATFORM_MODEL_LOCATION = 'runtime:platform-model';

/** The Domain that holds the Runtime's capability areas. */
const RUNTIME_DOMAIN = 'runtime';

/** The catalog name of the System of a capability area. */
export const systemName = (areaId: string) => `runtime-${areaId}`;

const managed = {
  'backstage.io/managed-by-location': PLATFORM_MODEL_LOCATION,
  'backstage.io/managed-by-origin-location': PLATFORM_MODEL_LOCATION,
};

/**
 * The Runtime as the platform describes it: a Domain, one System per capability area, one Component per
 * runtime component and the APIs they provide, all owned by the platform team.
 */
export function platformModelEntities(options: { owner: string }): Entity[] {
  const { owner } = options;
  const domain: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name: RUNTIME_DOMAIN,
      title: 'Runtime',
      description:
        "The AI platform's base layer: network, access, inference, workflows, data, monitoring and delivery.",
      annotations: managed,
    },
    spec: { owner },
  };

  const systems: Entity[] = RUNTIME_CAPABILITY_AREAS.map(area => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: systemName(area.id),
      title: area.title,
      description: area.description,
      annotations: managed,
      tags: ['runtime'],
    },
    spec: { owner, domain: RUNTIME_DOMAIN },
  }));

  const components: Entity[] = RUNTIME_COMPONENTS.map(component => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: component.id,
      title: component.title,
      description: component.description,
      annotations: {
        ...managed,
        'backstage.io/kubernetes-label-selector': `app.kubernetes.io/name=${component.id}`,
      },
      labels: { 'runtime-portal.io/capability-area': component.area },
      tags: ['runtime', component.area],
      links: [{ url: component.docsUrl, title: 'Documentation', icon: 'docs' }],
    },
    spec: {
      type: 'runtime-component',
      lifecycle: 'production',
      owner,
      system: systemName(component.area),
      providesApis: component.providesApis ?? [],
    },
  }));

  const apis: Entity[] = RUNTIME_APIS.map(api => {
    const provider = RUNTIME_COMPONENTS.find(c =>
      c.providesApis?.includes(api.id),
    );
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: api.id,
        title: api.title,
        description: api.description,
        annotations: managed,
        tags: ['runtime'],
        links: [{ url: api.docsUrl, title: 'Reference', icon: 'docs' }],
      },
      spec: {
        type: api.type,
        lifecycle: 'production',
        owner,
        ...(provider ? { system: systemName(provider.area) } : {}),
        definition: apiDefinition(api),
      },
    };
  });

  return [domain, ...systems, ...components, ...apis];
}

function apiDefinition(api: RuntimeApiDefinition): string {
  if (api.type !== 'openapi') {
    return `${api.title}\n\n${api.description}\n\nReference: ${api.docsUrl}\n`;
  }
  return yaml.stringify({
    openapi: '3.0.3',
    info: { title: api.title, description: api.description, version: '1' },
    externalDocs: { url: api.docsUrl },
    paths: {},
  });
}
