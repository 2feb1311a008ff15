import {
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import request from 'supertest';
import { runtimePlugin } from '../../plugin';

const REQUESTER = 'user:default/mock';
const APPROVER = 'user:default/pat';
const OTHER_APPROVER = 'user:default/paz';
const OUTSIDER = 'user:default/ava';

const MEMBERSHIPS: Record<string, string[]> = {
  [REQUESTER]: ['group:default/search-team'],
  [APPROVER]: ['group:default/platform-team'],
  [OTHER_APPROVER]: ['group:default/platform-team'],
  [OUTSIDER]: ['group:default/assistant-team'],
};

const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const ref = (credentials.principal as BackstageUserPrincipal)
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(MEMBERSHIPS[ref] ?? [])],
      };
    },
  }),
});

const scaffolder = () =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service('plugin:scaffolder'),
    targetPluginId: 'runtime',
  });
const user = (ref: string) => mockCredentials.user.header(ref);

const deleteRequest = (key = 'task-1:runtime:bucket:delete') => ({
  key,
  action: 'runtime:bucket:delete',
  environment: 'prod',
  owner: 'group:default/search-team',
  service: 'semantic-search',
  summary: 'Delete bucket search-index of semantic-search in prod',
  requestedBy: REQUESTER,
  approvers: 'group:default/platform-team',
  taskId: 'task-1',
});

describe('approvals routes', () => {
  let sent: NotificationSendOptions[];
  const auditor = mockServices.auditor.mock();
  const auditEvent = { success: jest.fn(), fail: jest.fn() };

  beforeEach(() => {
    sent = [];
    auditor.createEvent.mockImplementation(async () => auditEvent);
  });
  afterEach(() => jest.useRealTimers());

  const start = async () => {
    const { server } = await startTestBackend({
      features: [
        runtimePlugin,
        catalogServiceMock.factory(),
        userInfoFactory,
        auditor.factory,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({
            async send(options: NotificationSendOptions) {
              sent.push(options);
            },
          }),
        }),
        mockServices.rootConfig.factory({
          data: {
            runtime: {
              environments: [],
              approvals: { timeout: { hours: 24 } },
            },
          },
        }),
      ],
    });
    return server;
  };

  it('creates a request once per key and tells the approvers', async () => {
    const server = await start();

    const first = await request(server)
      .post('/api/runtime/approvals')
      .set('authorization', scaffolder())
      .send(deleteRequest());
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      ...deleteRequest(),
      id: expect.any(String),
      status: 'pending',
      requestedAt: expect.any(String),
    });

    const again = await request(server)
      .post('/api/runtime/approvals')
      .set('authorization', scaffolder())
      .send(deleteRequest());
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);

    expect(sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: 'group:default/platform-team',
          excludeEntityRef: REQUESTER,
        },
        payload: expect.objectContaining({
          title:
            'Approval needed: runtime:bucket:delete for semantic-search in prod',
          link: `/runtime/approvals/${first.body.id}`,
        }),
      },
    ]);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'runtime-approval-decision',
        meta: expect.objectContaining({
          actionType: 'request',
          approvalId: first.body.id,
        }),
      }),
    );
  });

  it('refuses a request made by a user or another plugin: only the actions ask', async () => {
    const server = await start();
    const response = await request(server)
      .post('/api/runtime/approvals')
      .set('authorization', user(REQUESTER))
      .send({ ...deleteRequest(), requestedBy: OTHER_APPROVER });
    expect(response.status).toBe(403);
    // Nor may another backend plugin ask in the actions' place.
    const otherPlugin = await request(server)
      .post('/api/runtime/approvals')
      .set(
        'authorization',
        mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('plugin:catalog'),
          targetPluginId: 'runtime',
        }),
      )
      .send(deleteRequest('catalog-key'));
    expect(otherPlugin.status).toBe(403);
    const list = await request(server)
      .get('/api/runtime/approvals')
      .set('authorization', scaffolder());
    expect(list.body.items).toEqual([]);
  });

  it('lets an approver who is not the requester approve, and tells the requester', async () => {
    const server = await start();
    const { body: created } = await request(server)
      .post('/api/runtime/approvals')
      .set('authorization', scaffolder())
      .send(deleteRequest());

    const pending = await request(server)
      .get('/api/runtime/approvals?status=pending')
      .set('authorization', user(APPROVER));
    expect(pending.body.items.map((a: { id: string }) => a.id)).toEqual([
      created.id,
    ]);
    const own = await request(server)
      .get('/api/runtime/approvals')
      .set('authorization', user(REQUESTER));
    expect(own.body.items).toHaveLength(1);

    const decided = await request(server)
      .post(`/api/runtime/approvals/${created.id}/decision`)
      .set('authorization', user(APPROVER))
      .send({ decision: 'approve', comment: 'ok for prod' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      status: 'approved',
      decidedBy: APPROVER,
      comment: 'ok for prod',
      decidedAt: expect.any(String),
    });

    const twice = await request(server)
      .post(`/api/runtime/approvals/${created.id}/decision`)
      .set('authorization', user(OTHER_APPROVER))
      .send({ decision: 'reject' });
    expect(twice.status).toBe(409);

    expect(sent[1]).toEqual({
      recipients: { type: 'entity', entityRef: REQUESTER },
      payload: expect.objectContaining({
        title:
          'Approval approved: runtime:bucket:delete for semantic-search in prod',
      }),
    });
    expect(
      (
        await request(server)
          .get('/api/runtime/approvals?status=approved')
          .set('authorization', user(REQUESTER))
      ).body.items,
    ).toHaveLength(1);
  });

  it('refuses the requester deciding their own request, even as an approver (four eyes)', async () => {
    const server = await start();
    const { body: created } = await request(server)
      .post('/api/runtime/approvals')
      .set('authorization', scaffolder())
      .send({ ...deleteRequest(), requestedBy: APPROVER });

    const response = await request(server)
      .post(`/api/runtime/approvals/${created.id}/decision`)
      .set('authorization', user(APPROVER))
      .send({ decision: 'approve' });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(/four eyes/);

    const after = await request(server)
      .get(`/api/runtime/approvals/${created.id}`)
      .set('authorization', user(APPROVER));
    expect(after.body.status).toBe('pending');
  });

  it('refuses a user outside the approvers group, who cannot even see the request (the attack case)', async () => {
    const server = await start();
    const { body: created } = await request(server)
      .post('/api/runtime/approvals')
      .set('authorization', scaffolder())
      .send(deleteRequest());

    const decision = await request(server)
      .post(`/api/runtime/approvals/${created.id}/decision`)
      .set('authorization', user(OUTSIDER))
      .send({ decision: 'approve' });
    expect(decision.status).toBe(404);

    // The requester sees the request but is not an approver and may not decide it.
    const byRequester = await request(server)
      .post(`/api/runtime/approvals/${created.id}/decision`)
      .set('authorization', user(REQUESTER))
      .send({ decision: 'approve' });
    expect(byRequester.status).toBe(403);

    const read = await request(server)
      .get(`/api/runtime/approvals/${created.id}`)
      .set('authorization', user(OUTSIDER));
    expect(read.status).toBe(404);
    const list = await request(server)
      .get('/api/runtime/approvals')
      .set('authorization', user(OUTSIDER));
    expect(list.body.items).toEqual([]);
    const still = await request(server)
      .get(`/api/runtime/approvals/${created.id}`)
      .set('authorization', scaffolder());
    expect(still.body.status).toBe('pending');
    expect(auditEvent.fail).toHaveBeenCalled();
  });

  it('expires a pending request after the timeout: no decision, and the same key asks again', async () => {
    jest.useFakeTimers({
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    const server = await start();
    const { body: created } = await request(server)
      .post('/api/runtime/approvals')
      .set('authorization', scaffolder())
      .send(deleteRequest());

    jest.setSystemTime(Date.now() + 24 * 60 * 60 * 1000 - 1000);
    const stillPending = await request(server)
      .get(`/api/runtime/approvals/${created.id}`)
      .set('authorization', scaffolder());
    expect(stillPending.body.status).toBe('pending');

    jest.setSystemTime(Date.now() + 2000);
    const expired = await request(server)
      .get(`/api/runtime/approvals/${created.id}`)
      .set('authorization', user(APPROVER));
    expect(expired.body.status).toBe('expired');
    expect(
      (
        await request(server)
          .get('/api/runtime/approvals?status=pending')
          .set('authorization', user(APPROVER))
      ).body.items,
    ).toEqual([]);
    expect(
      (
        await request(server)
          .get('/api/runtime/approvals?status=expired')
          .set('authorization', user(APPROVER))
      ).body.items,
    ).toHaveLength(1);

    const late = await request(server)
      .post(`/api/runtime/approvals/${created.id}/decision`)
      .set('authorization', user(APPROVER))
      .send({ decision: 'approve' });
    expect(late.status).toBe(409);

    const renewed = await request(server)
      .post('/api/runtime/approvals')
      .set('authorization', scaffolder())
      .send(deleteRequest());
    expect(renewed.status).toBe(201);
    expect(renewed.body.id).not.toBe(created.id);
    expect(renewed.body.status).toBe('pending');
  });

  it('uses an approved request once: a second use is a conflict, and the same key then asks anew', async () => {
    const server = await start();
    const { body: created } = await request(server)
      .post('/api/runtime/approvals')
      .set('authorization', scaffolder())
      .send(deleteRequest('registry-key'));

    // Not approved yet: nothing to use.
    const early = await request(server)
      .post(`/api/runtime/approvals/${created.id}/use`)
      .set('authorization', scaffolder());
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe(
      `Approval request ${created.id} is pending, not approved`,
    );

    await request(server)
      .post(`/api/runtime/approvals/${created.id}/decision`)
      .set('authorization', user(APPROVER))
      .send({ decision: 'approve' })
      .expect(200);

    // A user (the requester, or an approver) cannot use it in the actions' place (the attack case).
    for (const caller of [REQUESTER, APPROVER]) {
      const byUser = await request(server)
        .post(`/api/runtime/approvals/${created.id}/use`)
        .set('authorization', user(caller));
      expect(byUser.status).toBe(403);
    }

    const used = await request(server)
      .post(`/api/runtime/approvals/${created.id}/use`)
      .set('authorization', scaffolder());
    expect(used.status).toBe(200);
    expect(used.body).toMatchObject({
      id: created.id,
      status: 'approved',
      usedAt: expect.any(String),
    });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'runtime-approval-decision',
        meta: expect.objectContaining({
          actionType: 'use',
          approvalId: created.id,
        }),
      }),
    );

    const again = await request(server)
      .post(`/api/runtime/approvals/${created.id}/use`)
      .set('authorization', scaffolder());
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      `Approval request ${created.id} was already used at ${used.body.usedAt}`,
    );

    const read = await request(server)
      .get(`/api/runtime/approvals/${created.id}`)
      .set('authorization', user(REQUESTER));
    expect(read.body.usedAt).toBe(used.body.usedAt);

    // The used request no longer holds its key: the same call asks for a new decision.
    const renewed = await request(server)
      .post('/api/runtime/approvals')
      .set('authorization', scaffolder())
      .send(deleteRequest('registry-key'));
    expect(renewed.status).toBe(201);
    expect(renewed.body.id).not.toBe(created.id);
    expect(renewed.body.status).toBe('pending');
    expect(renewed.body.usedAt).toBeUndefined();
    const unknown = await request(server)
      .post(`/api/runtime/approvals/no-such-id/use`)
      .set('authorization', scaffolder());
    expect(unknown.status).toBe(404);
  });

  it('rejects a bad body with a message naming the field', async () => {
    const server = await start();
    const response = await request(server)
      .post('/api/runtime/approvals')
      .set('authorization', scaffolder())
      .send({ ...deleteRequest(), approvers: 'not a group!' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/approvers/);
  });
});
