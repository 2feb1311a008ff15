import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApprovalContent } from './ApprovalContent';
import {
  ALICE,
  approval,
  approvalsApi,
  BOB,
  CAROL,
  renderAsViewer,
  responseError,
} from './__testUtils__/approvalTestKit';

/** The value next to a term of the request's details. */
const detail = (term: string) =>
  screen.getByText(term, { selector: 'dt' }).nextElementSibling as HTMLElement;

describe('ApprovalContent', () => {
  it('shows what was asked, by whom, when, and its status', async () => {
    const api = approvalsApi();
    await renderAsViewer(<ApprovalContent id="apr-1" />, {
      api,
      viewer: CAROL,
    });
    expect(
      await screen.findByText(
        'Delete bucket prod-recordings of semantic-search',
      ),
    ).toBeInTheDocument();
    expect(detail('Action')).toHaveTextContent('runtime:bucket:delete');
    expect(detail('Service')).toHaveTextContent('semantic-search');
    expect(detail('Environment')).toHaveTextContent('prod');
    expect(detail('Requested by')).toHaveTextContent('alice');
    expect(detail('Requested at')).toHaveTextContent('2026-12-05 10:00:00 UTC');
    expect(detail('Approvers')).toHaveTextContent('platform-team');
    expect(detail('Status')).toHaveTextContent('Pending');
    expect(screen.getByRole('link', { name: 'All approvals' })).toHaveAttribute(
      'href',
      '/runtime/approvals',
    );
    expect(api.getApproval).toHaveBeenCalledWith('apr-1');
  });

  it('lets an approver who is not the requester approve, with a comment, and shows the new status', async () => {
    const api = approvalsApi();
    await renderAsViewer(<ApprovalContent id="apr-1" />, { api, viewer: BOB });
    const approve = await screen.findByRole('button', { name: 'Approve' });
    expect(screen.getByRole('button', { name: 'Reject' })).toBeEnabled();
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Comment (optional)' }),
      '  checked the backup  ',
    );
    await userEvent.click(approve);

    expect(api.decideApproval).toHaveBeenCalledWith(
      'apr-1',
      'approve',
      'checked the backup',
    );
    expect(
      await screen.findByText('You approved this request.'),
    ).toBeInTheDocument();
    expect(detail('Status')).toHaveTextContent('Approved');
    expect(detail('Decided by')).toHaveTextContent('bob');
    expect(detail('Comment')).toHaveTextContent('checked the backup');
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
  });

  it('rejects without a comment', async () => {
    const api = approvalsApi();
    await renderAsViewer(<ApprovalContent id="apr-1" />, { api, viewer: BOB });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject' }),
    );
    expect(api.decideApproval).toHaveBeenCalledWith(
      'apr-1',
      'reject',
      undefined,
    );
    await waitFor(() => expect(detail('Status')).toHaveTextContent('Rejected'));
  });

  it('does not offer the decision to the requester, even when an approver (four eyes)', async () => {
    const api = approvalsApi();
    const aliceAlsoApproves = {
      ...ALICE,
      ownershipEntityRefs: [
        ...ALICE.ownershipEntityRefs,
        'group:default/platform-team',
      ],
    };
    await renderAsViewer(<ApprovalContent id="apr-1" />, {
      api,
      viewer: aliceAlsoApproves,
    });
    await screen.findByText('Delete bucket prod-recordings of semantic-search');
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
  });

  it('does not offer the decision to a user outside the approvers group', async () => {
    const api = approvalsApi();
    await renderAsViewer(<ApprovalContent id="apr-1" />, {
      api,
      viewer: CAROL,
    });
    await screen.findByText('Delete bucket prod-recordings of semantic-search');
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('shows a 409 as a message and reloads the request to show how it was decided', async () => {
    const getApproval = jest
      .fn()
      .mockResolvedValueOnce(approval())
      .mockResolvedValue(
        approval({ status: 'approved', decidedBy: 'user:default/dave' }),
      );
    const api = approvalsApi({
      getApproval,
      decideApproval: jest.fn(async () => {
        throw await responseError(
          409,
          'ConflictError',
          'Approval request apr-1 is already approved',
        );
      }),
    });
    await renderAsViewer(<ApprovalContent id="apr-1" />, { api, viewer: BOB });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );

    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText(
        'This request was already decided or has expired',
      ),
    ).toBeInTheDocument();
    expect(
      within(alert).getByText('Approval request apr-1 is already approved'),
    ).toBeInTheDocument();
    await waitFor(() => expect(detail('Status')).toHaveTextContent('Approved'));
    expect(detail('Decided by')).toHaveTextContent('dave');
    expect(getApproval).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('shows a 403 as a message and keeps the request pending', async () => {
    const api = approvalsApi({
      decideApproval: jest.fn(async () => {
        throw await responseError(
          403,
          'NotAllowedError',
          'You are not a member of group:default/platform-team',
        );
      }),
    });
    await renderAsViewer(<ApprovalContent id="apr-1" />, { api, viewer: BOB });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject' }),
    );
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText('You may not decide this request'),
    ).toBeInTheDocument();
    expect(
      within(alert).getByText(
        'You are not a member of group:default/platform-team',
      ),
    ).toBeInTheDocument();
    expect(detail('Status')).toHaveTextContent('Pending');
  });

  it('says when the request is not there for the user (404)', async () => {
    const api = approvalsApi({
      getApproval: jest.fn(async () => {
        throw await responseError(404, 'NotFoundError', 'not found');
      }),
    });
    await renderAsViewer(<ApprovalContent id="nope" />, { api, viewer: CAROL });
    expect(
      await screen.findByText(/No such approval request for you/),
    ).toBeInTheDocument();
  });
});
