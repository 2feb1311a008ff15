import { screen } from '@testing-library/react';
import { RUNTIME_ANNOTATIONS } from '@runtime-portal/backstage-plugin-runtime-common';
import { responseError } from '../../../__testUtils__/renderEntityComponent';
import { RuntimeResourceCard } from '../RuntimeResourceCard';
import { RuntimeResourceActions } from './RuntimeResourceActions';
import {
  argoWorkflowEntity,
  bucketEntity,
  endpointEntity,
  secretEntity,
  suspendedArgoWorkflowEntity,
  temporalWorkflowEntity,
} from './__testUtils__/liveEntities';
import {
  answered,
  linkNames,
  renderOnEntityPage,
  target,
  where,
} from './__testUtils__/renderActions';

describe('RuntimeResourceActions', () => {
  it.each([
    ['inference endpoint', endpointEntity, ['Scale', 'Retire']],
    ['secret', secretEntity, ['Rotate', 'Retire']],
    ['bucket', bucketEntity, ['Update', 'Rotate credentials', 'Retire']],
    [
      'Argo Events workflow',
      argoWorkflowEntity,
      ['Update', 'Suspend', 'Retire'],
    ],
    [
      'suspended Argo Events workflow',
      suspendedArgoWorkflowEntity,
      ['Update', 'Resume', 'Retire'],
    ],
    ['Temporal workflow', temporalWorkflowEntity, ['Update', 'Retire']],
  ])('offers the changes of a %s', async (_, entity, names) => {
    await renderOnEntityPage(<RuntimeResourceActions />, entity);
    expect(await linkNames()).toEqual(names);
  });

  it('opens the scale template pre-filled with the endpoint and its current replicas', async () => {
    await renderOnEntityPage(<RuntimeResourceActions />, endpointEntity);
    await screen.findByRole('link', { name: 'Scale' });
    expect(target('Scale')).toEqual({
      path: '/create/templates/default/runtime-scale-inference-endpoint',
      formData: {
        ...where,
        namespace: 'team-a',
        name: 'llama',
        minReplicas: 1,
        maxReplicas: 3,
      },
    });
    expect(target('Retire')).toEqual({
      path: '/create/templates/default/runtime-retire-resource',
      formData: {
        ...where,
        type: 'inference-endpoint',
        namespace: 'team-a',
        name: 'llama',
      },
    });
  });

  it('opens the secret template with the name under its service', async () => {
    await renderOnEntityPage(<RuntimeResourceActions />, secretEntity);
    await screen.findByRole('link', { name: 'Rotate' });
    expect(target('Rotate')).toEqual({
      path: '/create/templates/default/runtime-rotate-secret',
      formData: { ...where, name: 'database' },
    });
  });

  it('opens the bucket templates with its name', async () => {
    await renderOnEntityPage(<RuntimeResourceActions />, bucketEntity);
    await screen.findByRole('link', { name: 'Rotate credentials' });
    const bucket = { ...where, name: 'recordings' };
    expect(target('Update')).toEqual({
      path: '/create/templates/default/runtime-update-bucket',
      formData: bucket,
    });
    expect(target('Rotate credentials')).toEqual({
      path: '/create/templates/default/runtime-rotate-bucket-credentials',
      formData: bucket,
    });
    expect(target('Retire').formData).toEqual({ ...bucket, type: 'bucket' });
  });

  it('opens the workflow templates with its engine (and namespace for Argo Events)', async () => {
    await renderOnEntityPage(<RuntimeResourceActions />, argoWorkflowEntity);
    await screen.findByRole('link', { name: 'Update' });
    const workflow = {
      ...where,
      engine: 'argo-events',
      namespace: 'team-a',
      name: 'orders-hook',
    };
    expect(target('Update')).toEqual({
      path: '/create/templates/default/runtime-update-workflow',
      formData: workflow,
    });
    expect(target('Suspend')).toEqual({
      path: '/create/templates/default/runtime-update-workflow',
      formData: { ...workflow, suspended: true },
    });
    expect(target('Retire').formData).toEqual({
      ...workflow,
      type: 'workflow',
    });
    expect(screen.queryByRole('link', { name: 'Resume' })).toBeNull();
  });

  it('offers to resume a suspended Argo Events workflow, pre-filling suspended: false', async () => {
    await renderOnEntityPage(
      <RuntimeResourceActions />,
      suspendedArgoWorkflowEntity,
    );
    await screen.findByRole('link', { name: 'Resume' });
    expect(target('Resume')).toEqual({
      path: '/create/templates/default/runtime-update-workflow',
      formData: {
        ...where,
        engine: 'argo-events',
        namespace: 'team-a',
        name: 'orders-hook',
        suspended: false,
      },
    });
    expect(screen.queryByRole('link', { name: 'Suspend' })).toBeNull();
  });

  it('opens the workflow update template for a Temporal namespace', async () => {
    await renderOnEntityPage(
      <RuntimeResourceActions />,
      temporalWorkflowEntity,
    );
    await screen.findByRole('link', { name: 'Update' });
    expect(target('Update').formData).toEqual({
      ...where,
      engine: 'temporal',
      name: 'handbook-qa',
    });
    // A Temporal namespace cannot be paused: no Suspend or Resume is offered.
    expect(screen.queryByRole('link', { name: /Suspend|Resume/ })).toBeNull();
  });

  it.each([
    ['bucket', bucketEntity, { name: 'recordings', type: 'bucket' }],
    [
      'Argo Events workflow',
      argoWorkflowEntity,
      {
        type: 'workflow',
        engine: 'argo-events',
        namespace: 'team-a',
        name: 'orders-hook',
      },
    ],
  ])(
    'offers Extend, before Retire, for a %s that expires, pre-filled with its identity',
    async (_, entity, identity) => {
      const expiring = {
        ...entity,
        metadata: {
          ...entity.metadata,
          annotations: {
            ...entity.metadata.annotations,
            [RUNTIME_ANNOTATIONS.expiresAt]: '2027-01-15T08:30:00Z',
          },
        },
      };
      await renderOnEntityPage(<RuntimeResourceActions />, expiring);
      await screen.findByRole('link', { name: 'Extend' });
      expect((await linkNames()).slice(-2)).toEqual(['Extend', 'Retire']);
      expect(target('Extend')).toEqual({
        path: '/create/templates/default/runtime-extend-resource',
        formData: { ...where, ...identity },
      });
      expect(screen.getByRole('link', { name: 'Extend' })).toHaveAttribute(
        'title',
        'Keep it longer: it expires at 2027-01-15T08:30:00Z',
      );
    },
  );

  it('offers nothing when the scaffolder is not bound', async () => {
    await renderOnEntityPage(<RuntimeResourceActions />, bucketEntity, {
      bound: false,
    });
    expect(answered).toEqual([]);
    expect(screen.queryByRole('group')).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it("shows the changes on the resource's card even when its live details are gone", async () => {
    await renderOnEntityPage(<RuntimeResourceCard />, secretEntity, {
      api: {
        getResourceDetails: async () => {
          throw await responseError(404, 'no such secret');
        },
      },
    });
    expect(
      await screen.findByText(/database \(dev\) not found in dev/),
    ).toBeInTheDocument();
    expect(await linkNames()).toEqual(['Rotate', 'Retire']);
  });
});
