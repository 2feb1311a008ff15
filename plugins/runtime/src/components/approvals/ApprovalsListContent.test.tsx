import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApprovalsListContent } from './ApprovalsListContent';
import {
  ALICE,
  approval,
  approvalsApi,
  BOB,
  renderAsViewer,
  responseError,
} from './__testUtils__/approvalTestKit';

const requests = [
  approval({
    id: 'apr-own',
    action: 'runtime:secret:delete',
    service: 'billing',
    requestedBy: 'user:default/bob',
    approvers: 'group:default/platform-team',
    status: 'approved',
  }),
  approval(),
];

describe('ApprovalsListContent', () => {
  it('lists the requests with their details, the ones to decide first, linked to their page', async () => {
    const api = approvalsApi({ listApprovals: jest.fn(async () => requests) });
    await renderAsViewer(<ApprovalsListContent />, { api, viewer: BOB });

    const link = await screen.findByRole('link', {
      name: 'runtime:bucket:delete',
    });
    expect(link).toHaveAttribute('href', '/runtime/approvals/apr-1');
    const table = screen.getByRole('table');
    for (const header of [
      'Action',
      'Service',
      'Environment',
      'Requested by',
      'When',
      'Status',
    ]) {
      expect(
        within(table).getByRole('columnheader', { name: header }),
      ).toBeInTheDocument();
    }
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('semantic-search')).toBeInTheDocument();
    expect(within(rows[0]).getByText('prod')).toBeInTheDocument();
    expect(within(rows[0]).getByText('alice')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Pending')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Yours to decide')).toBeInTheDocument();
    expect(
      within(rows[1]).getByRole('link', { name: 'runtime:secret:delete' }),
    ).toHaveAttribute('href', '/runtime/approvals/apr-own');
    expect(within(rows[1]).getByText('Approved')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Requested by you')).toBeInTheDocument();
    expect(api.listApprovals).toHaveBeenCalledWith(undefined);
  });

  it('asks for one status when filtered', async () => {
    const api = approvalsApi();
    await renderAsViewer(<ApprovalsListContent />, { api, viewer: ALICE });
    await screen.findByRole('link', { name: 'runtime:bucket:delete' });
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'Pending');
    await waitFor(() =>
      expect(api.listApprovals).toHaveBeenLastCalledWith('pending'),
    );
  });

  it('says when the list cannot be read', async () => {
    const api = approvalsApi({
      listApprovals: jest.fn(async () => {
        throw await responseError(401, 'AuthenticationError', 'no credentials');
      }),
    });
    await renderAsViewer(<ApprovalsListContent />, { api, viewer: ALICE });
    expect(
      await screen.findByText(/Could not load the approval requests/),
    ).toBeInTheDocument();
  });
});
