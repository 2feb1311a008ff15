import { approvalStatusChip, canDecide, isRequester } from './approvalRules';
import { ALICE, approval, BOB, CAROL } from './__testUtils__/approvalTestKit';

describe('canDecide', () => {
  it('lets a member of the approvers group decide a pending request of someone else', () => {
    expect(canDecide(approval(), BOB)).toBe(true);
  });

  it('compares refs without case, as the backend lower-cases them', () => {
    expect(
      canDecide(approval({ approvers: 'group:default/Platform-Team' }), BOB),
    ).toBe(true);
  });

  it('never lets the requester decide, even as an approver (four eyes)', () => {
    const aliceAlsoApproves = {
      ...ALICE,
      ownershipEntityRefs: [
        ...ALICE.ownershipEntityRefs,
        'group:default/platform-team',
      ],
    };
    expect(canDecide(approval(), aliceAlsoApproves)).toBe(false);
    expect(
      canDecide(
        approval({ requestedBy: 'user:default/ALICE' }),
        aliceAlsoApproves,
      ),
    ).toBe(false);
  });

  it('does not let another team decide', () => {
    expect(canDecide(approval(), CAROL)).toBe(false);
  });

  it.each(['approved', 'rejected', 'expired'] as const)(
    'lets nobody decide an %s request',
    status => {
      expect(canDecide(approval({ status }), BOB)).toBe(false);
    },
  );

  it('lets nobody decide before the identity is known', () => {
    expect(canDecide(approval(), undefined)).toBe(false);
  });
});

describe('isRequester', () => {
  it('is the user who asked', () => {
    expect(isRequester(approval(), ALICE)).toBe(true);
    expect(isRequester(approval(), BOB)).toBe(false);
  });
});

describe('approvalStatusChip', () => {
  it.each([
    ['pending', 'Pending', 'info'],
    ['approved', 'Approved', 'ok'],
    ['rejected', 'Rejected', 'error'],
    ['expired', 'Expired', 'neutral'],
  ] as const)('shows %s as %s (%s)', (status, label, tone) => {
    expect(approvalStatusChip(status)).toEqual({ label, tone });
  });
});
