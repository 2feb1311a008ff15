import { KubeApiError } from './apiErrors';
import { applyConfiguration, recordUpdate } from './fieldManagement';
import { KubernetesObject } from './objects';

const context = {
  apiVersion: 'kubeai.org/v1',
  scope: 'main' as const,
  time: '2025-01-01T00:00:00Z',
};

function withFields(
  object: KubernetesObject,
  managedFields: unknown[],
): KubernetesObject {
  return {
    ...object,
    metadata: { ...object.metadata, managedFields: managedFields as any },
  };
}

describe('recordUpdate', () => {
  it('gives the creator every field and moves changed fields to the updater', () => {
    const created = {
      metadata: { name: 'm', labels: { a: '1' } },
      spec: { x: 1, y: 2 },
    };
    const afterCreate = recordUpdate(undefined, created, {
      ...context,
      manager: 'creator',
    });
    expect(afterCreate).toEqual([
      expect.objectContaining({
        manager: 'creator',
        operation: 'Update',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:a': {} } },
          'f:spec': { 'f:x': {}, 'f:y': {} },
        },
      }),
    ]);
    const live = withFields(created, afterCreate);
    const afterEdit = recordUpdate(
      live,
      { ...created, spec: { x: 5, y: 2 } },
      { ...context, manager: 'editor' },
    );
    expect(afterEdit.map(e => [e.manager, e.fieldsV1])).toEqual([
      [
        'creator',
        {
          'f:metadata': { 'f:labels': { 'f:a': {} } },
          'f:spec': { 'f:y': {} },
        },
      ],
      ['editor', { 'f:spec': { 'f:x': {} } }],
    ]);
  });

  it('does not track status on the main resource', () => {
    const fields = recordUpdate(
      undefined,
      { metadata: { name: 'm' }, spec: { x: 1 }, status: { ready: true } },
      { ...context, manager: 'c' },
    );
    expect(fields[0].fieldsV1).toEqual({ 'f:spec': { 'f:x': {} } });
  });
});

describe('applyConfiguration', () => {
  const apply = (
    live: KubernetesObject | undefined,
    applied: KubernetesObject,
    manager = 'portal',
    force = false,
  ) => applyConfiguration(live, applied, { ...context, manager, force });

  it('reports every conflicting field per manager, in the API server’s words', () => {
    const live = withFields(
      { metadata: { name: 'm' }, spec: { a: 1, b: 2, c: 3 } },
      recordUpdate(
        undefined,
        { metadata: { name: 'm' }, spec: { a: 1, b: 2, c: 3 } },
        { ...context, manager: 'helm' },
      ),
    );
    let error: KubeApiError | undefined;
    try {
      apply(live, { spec: { a: 10, b: 20, c: 3 } });
    } catch (e) {
      error = e as KubeApiError;
    }
    expect(error?.code).toBe(409);
    expect(error?.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "helm" using kubeai.org/v1:\n- .spec.a\n- .spec.b',
    );
    expect(error?.details?.causes?.map(c => c.field)).toEqual([
      '.spec.a',
      '.spec.b',
    ]);
  });

  it('with force takes the fields from the other manager', () => {
    const live = withFields(
      { metadata: { name: 'm' }, spec: { a: 1, b: 2 } },
      recordUpdate(
        undefined,
        { metadata: { name: 'm' }, spec: { a: 1, b: 2 } },
        { ...context, manager: 'helm' },
      ),
    );
    const { object, managedFields } = apply(
      live,
      { spec: { a: 10 } },
      'portal',
      true,
    );
    expect(object.spec).toEqual({ a: 10, b: 2 });
    expect(managedFields.map(e => [e.manager, e.fieldsV1])).toEqual([
      ['helm', { 'f:spec': { 'f:b': {} } }],
      ['portal', { 'f:spec': { 'f:a': {} } }],
    ]);
  });

  it('removes a field the manager no longer applies unless someone else owns it', () => {
    const first = apply(undefined, {
      metadata: { labels: { keep: 'y', drop: 'y' } },
      spec: { a: 1, b: 2 },
    });
    const shared = recordUpdate(
      {
        ...first.object,
        metadata: {
          ...first.object.metadata,
          managedFields: first.managedFields as any,
        },
      },
      { ...first.object, spec: { a: 1, b: 3 } },
      { ...context, manager: 'editor' },
    );
    const live = {
      ...first.object,
      spec: { a: 1, b: 3 },
      metadata: { ...first.object.metadata, managedFields: shared as any },
    };
    const second = apply(live, {
      metadata: { labels: { keep: 'y' } },
      spec: {},
    });
    expect(second.object.metadata?.labels).toEqual({ keep: 'y' });
    expect(second.object.spec).toEqual({ b: 3 });
  });

  it('does not wipe a map when the configuration applies it empty', () => {
    const live = { metadata: { name: 'm' }, spec: { env: { A: '1' } } };
    expect(apply(live, { spec: { env: {} } }).object.spec).toEqual({
      env: { A: '1' },
    });
  });
});
