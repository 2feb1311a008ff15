import { ReactElement } from 'react';
import { identityApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { RuntimeApproval } from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeApi, runtimeApiRef } from '../../../api';
import { rootRouteRef } from '../../../routes';

/** The users of the tests: alice (team A) asks, bob (platform team) decides, carol (team B) may not. */
export const ALICE = {
  userEntityRef: 'user:default/alice',
  ownershipEntityRefs: ['user:default/alice', 'group:default/team-a'],
};
export const BOB = {
  userEntityRef: 'user:default/bob',
  ownershipEntityRefs: ['user:default/bob', 'group:default/platform-team'],
};
export const CAROL = {
  userEntityRef: 'user:default/carol',
  ownershipEntityRefs: ['user:default/carol', 'group:default/team-b'],
};

/** A pending request of alice's for the platform team, with `overrides`. */
export function approval(
  overrides: Partial<RuntimeApproval> = {},
): RuntimeApproval {
  return {
    id: 'apr-1',
    key: 'task-1:runtime:bucket:delete',
    action: 'runtime:bucket:delete',
    environment: 'prod',
    owner: 'group:default/team-a',
    service: 'semantic-search',
    summary: 'Delete bucket prod-recordings of semantic-search',
    requestedBy: 'user:default/alice',
    requestedAt: '2026-12-05T10:00:00Z',
    expiresAt: '2026-12-06T10:00:00Z',
    approvers: 'group:default/platform-team',
    status: 'pending',
    ...overrides,
  };
}

/** The runtime API's approval methods as jest mocks; others are absent. */
export function approvalsApi(overrides: Partial<RuntimeApi> = {}) {
  return {
    listApprovals: jest.fn(async () => [approval()]),
    getApproval: jest.fn(async () => approval()),
    decideApproval: jest.fn(
      async (
        _id: string,
        decision: 'approve' | 'reject',
        comment?: string,
      ): Promise<RuntimeApproval> =>
        approval({
          status: decision === 'approve' ? 'approved' : 'rejected',
          decidedBy: BOB.userEntityRef,
          decidedAt: '2026-12-05T11:00:00Z',
          comment,
        }),
    ),
    ...overrides,
  };
}

/** Renders `element` in a test app as `viewer`, with the Runtime page mounted at `/runtime`. */
export function renderAsViewer(
  element: ReactElement,
  options: {
    api: Partial<RuntimeApi>;
    viewer: { userEntityRef: string; ownershipEntityRefs: string[] };
    /** The URL the app starts at. */
    routeEntries?: string[];
  },
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [runtimeApiRef, options.api as RuntimeApi],
        [identityApiRef, mockApis.identity(options.viewer)],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      mountedRoutes: { '/runtime': rootRouteRef },
      routeEntries: options.routeEntries,
    },
  );
}

/** The `ResponseError` the runtime client throws when the backend answers `status` with an error body. */
export function responseError(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/api/runtime/approvals' },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: 'Error',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}
