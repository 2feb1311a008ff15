import { isRuntimeComponent, isRuntimeResource } from './runtimeEntities';
import { resourceEntity } from './__testUtils__/testHelpers';

describe('runtime entity helpers', () => {
  it.each(['inference-endpoint', 'bucket', 'secret', 'workflow'])(
    'knows a %s Resource as a runtime resource',
    type => {
      expect(isRuntimeResource(resourceEntity(type))).toBe(true);
      expect(isRuntimeComponent(resourceEntity(type))).toBe(false);
    },
  );

  it('does not take other Resources or Components with a runtime type for runtime resources', () => {
    expect(isRuntimeResource(resourceEntity('message-queue'))).toBe(false);
    expect(
      isRuntimeResource({ ...resourceEntity('bucket'), kind: 'Component' }),
    ).toBe(false);
  });

  it('knows runtime Components by their type', () => {
    const component = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'kubeai' },
      spec: { type: 'runtime-component' },
    };
    expect(isRuntimeComponent(component)).toBe(true);
    expect(
      isRuntimeComponent({ ...component, spec: { type: 'service' } }),
    ).toBe(false);
    expect(isRuntimeComponent({ ...component, kind: 'Resource' })).toBe(false);
    expect(isRuntimeResource(component)).toBe(false);
  });
});
