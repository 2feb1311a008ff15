import { screen } from '@testing-library/react';
import { RuntimeResourceActions } from './RuntimeResourceActions';
import {
  argoWorkflowEntity,
  bucketEntity,
  endpointEntity,
} from './__testUtils__/liveEntities';
import {
  linkNames,
  renderOnEntityPage,
  settled,
} from './__testUtils__/renderActions';

// Apart from the other tests: usePermission caches each answer (SWR) for the whole file, so a denial
// is tested where its permission was not asked for (and allowed) before.
describe('RuntimeResourceActions without a permission', () => {
  it('hides a change whose permission is denied', async () => {
    await renderOnEntityPage(<RuntimeResourceActions />, bucketEntity, {
      deny: ['runtime.bucket.delete'],
    });
    expect(
      await screen.findByRole('link', { name: 'Rotate credentials' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Update' })).toBeInTheDocument();
    await settled('runtime.bucket.delete');
    expect(screen.queryByRole('link', { name: 'Retire' })).toBeNull();
  });

  it('hides Scale without the update permission, keeping Retire', async () => {
    await renderOnEntityPage(<RuntimeResourceActions />, endpointEntity, {
      deny: ['runtime.inference-endpoint.update'],
    });
    await settled('runtime.inference-endpoint.update');
    expect(await linkNames()).toEqual(['Retire']);
    expect(screen.queryByRole('link', { name: 'Scale' })).toBeNull();
  });

  it('hides Update and Suspend of a workflow without the update permission', async () => {
    await renderOnEntityPage(<RuntimeResourceActions />, argoWorkflowEntity, {
      deny: ['runtime.workflow.update'],
    });
    await settled('runtime.workflow.update');
    expect(await linkNames()).toEqual(['Retire']);
  });
});
