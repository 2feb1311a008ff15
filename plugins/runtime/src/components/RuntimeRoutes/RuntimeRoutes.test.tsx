import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { RuntimeRoutes } from './RuntimeRoutes';
import {
  approvalsApi,
  BOB,
  renderAsViewer,
} from '../approvals/__testUtils__/approvalTestKit';

// As the app mounts the Runtime page: FlatRoutes matches `/runtime/*`.
const app = (
  <Routes>
    <Route path="/runtime/*" element={<RuntimeRoutes />} />
  </Routes>
);

describe('RuntimeRoutes', () => {
  it('shows the approval requests at /runtime/approvals, under a header leading back to the Runtime page', async () => {
    await renderAsViewer(app, {
      api: approvalsApi(),
      viewer: BOB,
      routeEntries: ['/runtime/approvals'],
    });
    expect(
      await screen.findByRole('link', { name: 'runtime:bucket:delete' }),
    ).toHaveAttribute('href', '/runtime/approvals/apr-1');
    expect(
      screen.getByRole('heading', { level: 1, name: 'Approvals' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Runtime' })).toHaveAttribute(
      'href',
      '/runtime',
    );
  });

  it('shows one request at /runtime/approvals/:id', async () => {
    const api = approvalsApi();
    await renderAsViewer(app, {
      api,
      viewer: BOB,
      routeEntries: ['/runtime/approvals/apr-1'],
    });
    expect(
      await screen.findByRole('button', { name: 'Approve' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 1, name: 'Approval request' }),
    ).toBeInTheDocument();
    expect(api.getApproval).toHaveBeenCalledWith('apr-1');
  });
});
