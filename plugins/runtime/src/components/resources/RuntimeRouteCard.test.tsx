import { screen } from '@testing-library/react';
import {
  RUNTIME_ANNOTATIONS,
  RUNTIME_RESOURCE_DETAIL_ANNOTATIONS as D,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeRouteCard, certificateText } from './RuntimeRouteCard';
import { RuntimeResourceActions } from './actions/RuntimeResourceActions';
import {
  linkNames,
  renderOnEntityPage,
  target,
} from './actions/__testUtils__/renderActions';
import { routeEntity } from './__testUtils__/routeEntity';

describe('RuntimeRouteCard', () => {
  it('shows the URL as a link, the backend and the certificate’s readiness and expiry', async () => {
    await renderOnEntityPage(<RuntimeRouteCard />, routeEntity());
    const link = await screen.findByRole('link', {
      name: /^https:\/\/search-api\.apps\.dev\.runtime\.local/,
    });
    expect(link).toHaveAttribute(
      'href',
      'https://search-api.apps.dev.runtime.local',
    );
    expect(screen.getByText('semantic-search:8080')).toBeInTheDocument();
    expect(
      screen.getByText('Ready, valid until 2030-03-05T12:00:00Z'),
    ).toBeInTheDocument();
    expect(screen.getByText('Published in dev')).toBeInTheDocument();
  });

  it('says when the certificate is still being issued', async () => {
    await renderOnEntityPage(
      <RuntimeRouteCard />,
      routeEntity({ [D.routeCertificateReady]: 'false' }),
    );
    expect(
      await screen.findByText(
        'Not ready yet: cert-manager is issuing it (valid until 2030-03-05T12:00:00Z)',
      ),
    ).toBeInTheDocument();
  });

  it('offers Retire only, pre-filled with the route’s namespace and name', async () => {
    await renderOnEntityPage(<RuntimeResourceActions />, routeEntity());
    expect(await linkNames()).toEqual(['Retire']);
    expect(target('Retire')).toEqual({
      path: '/create/templates/default/runtime-retire-resource',
      formData: {
        type: 'route',
        environment: 'dev',
        owner: 'group:default/search-team',
        service: 'component:default/semantic-search',
        namespace: 'team-search',
        name: 'search-api',
      },
    });
  });

  it('offers Extend before Retire for a route that expires, pre-filled with its namespace and name', async () => {
    await renderOnEntityPage(
      <RuntimeResourceActions />,
      routeEntity({ [RUNTIME_ANNOTATIONS.expiresAt]: '2030-02-01T00:00:00Z' }),
    );
    await screen.findByRole('link', { name: 'Extend' });
    expect(await linkNames()).toEqual(['Extend', 'Retire']);
    expect(target('Extend')).toEqual({
      path: '/create/templates/default/runtime-extend-resource',
      formData: {
        type: 'route',
        environment: 'dev',
        owner: 'group:default/search-team',
        service: 'component:default/semantic-search',
        namespace: 'team-search',
        name: 'search-api',
      },
    });
  });
});

describe('certificateText', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    [undefined, undefined, undefined],
    ['true', '2026-03-01T00:00:00Z', 'Ready, valid until 2026-03-01T00:00:00Z'],
    ['true', '2025-12-01T00:00:00Z', 'Ready, expired 2025-12-01T00:00:00Z'],
    ['true', undefined, 'Ready'],
    ['false', undefined, 'Not ready yet: cert-manager is issuing it'],
  ])('ready %s, expiry %s: %s', (ready, expiry, text) => {
    expect(certificateText(ready, expiry, now)).toBe(text);
  });
});
