import { Entity } from '@backstage/catalog-model';
import {
  isRuntimeDeliveryAvailable,
  isRuntimeObservabilityAvailable,
} from './conditions';

const entity = (
  kind: string,
  annotations: Record<string, string> = {},
  spec: NonNullable<Entity['spec']> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x', annotations },
  spec,
});

describe('isRuntimeObservabilityAvailable', () => {
  it('is true for entities with a kubernetes id', () => {
    expect(
      isRuntimeObservabilityAvailable(
        entity('Component', { 'backstage.io/kubernetes-id': 'search' }),
      ),
    ).toBe(true);
  });

  it('is true for inference endpoint resources', () => {
    expect(
      isRuntimeObservabilityAvailable(
        entity('Resource', {}, { type: 'inference-endpoint' }),
      ),
    ).toBe(true);
  });

  it('is true for runtime components, which carry no kubernetes id', () => {
    expect(
      isRuntimeObservabilityAvailable(
        entity(
          'Component',
          { 'backstage.io/kubernetes-label-selector': 'app=kubeai' },
          { type: 'runtime-component' },
        ),
      ),
    ).toBe(true);
  });

  it('is false for other resources and unannotated components', () => {
    expect(
      isRuntimeObservabilityAvailable(
        entity('Resource', {}, { type: 'bucket' }),
      ),
    ).toBe(false);
    expect(
      isRuntimeObservabilityAvailable(
        entity('Component', {}, { type: 'inference-endpoint' }),
      ),
    ).toBe(false);
    expect(
      isRuntimeObservabilityAvailable(
        entity('Component', { 'backstage.io/kubernetes-id': ' ' }),
      ),
    ).toBe(false);
  });
});

describe('isRuntimeDeliveryAvailable', () => {
  it.each([
    'argocd/app-name',
    'argocd/app-selector',
    'gitlab.com/project-slug',
    'gitlab.com/project-id',
    'goharbor.io/repository-slug',
  ])('is true with %s', key => {
    expect(
      isRuntimeDeliveryAvailable(entity('Component', { [key]: 'value' })),
    ).toBe(true);
  });

  it('is false without a delivery annotation', () => {
    expect(
      isRuntimeDeliveryAvailable(
        entity('Component', { 'backstage.io/kubernetes-id': 'search' }),
      ),
    ).toBe(false);
  });
});
