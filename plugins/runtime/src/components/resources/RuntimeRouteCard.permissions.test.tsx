import { screen, within } from '@testing-library/react';
import { RuntimeResourceActions } from './actions/RuntimeResourceActions';
import {
  renderOnEntityPage,
  settled,
} from './actions/__testUtils__/renderActions';
import { routeEntity } from './__testUtils__/routeEntity';

// In a file of its own: usePermission caches an answer for the rest of a file.
describe('the route page actions', () => {
  it('hides Retire from a user without runtime.route.delete', async () => {
    await renderOnEntityPage(<RuntimeResourceActions />, routeEntity(), {
      deny: ['runtime.route.delete'],
    });
    await settled('runtime.route.delete');
    const group = screen.queryByRole('group', {
      name: 'Change this resource',
    });
    expect(group && within(group).queryAllByRole('link')).toEqual([]);
  });
});
