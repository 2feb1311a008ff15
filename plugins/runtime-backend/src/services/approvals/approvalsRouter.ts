import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { groupRef } from '@runtime-portal/backstage-plugin-runtime-node';
import { z } from 'zod/v3';
import { ApprovalsService } from './ApprovalsService';

const ref = z.string().min(3).max(255);

const createBody = z.object({
  key: z
    .string()
    .min(1)
    .max(200)
    .describe('Idempotency key: the same key returns the existing request'),
  action: z
    .string()
    .min(1)
    .max(255)
    .describe('The action id, e.g. runtime:bucket:delete'),
  environment: z.string().min(1).max(63).describe('The Runtime environment'),
  owner: ref.describe("The owning team's group ref"),
  service: z
    .string()
    .min(1)
    .max(255)
    .describe('The service the resource belongs to'),
  summary: z
    .string()
    .min(1)
    .max(2000)
    .describe('What would be done, never a secret value'),
  requestedBy: ref.describe('The user who ran the action'),
  approvers: ref.describe('The group whose members decide'),
  taskId: z
    .string()
    .min(1)
    .max(255)
    .optional()
    .describe('The waiting scaffolder task'),
});

const decisionBody = z.object({
  decision: z.enum(['approve', 'reject']).describe('The decision'),
  comment: z
    .string()
    .max(2000)
    .optional()
    .describe('Why, shown to the requester'),
});

const statusQuery = z
  .enum(['pending', 'approved', 'rejected', 'expired'])
  .optional()
  .describe('Only requests in this state');

/** Parses with a zod schema; an `InputError` names the bad field. */
function parse<T>(
  schema: z.ZodType<T, any, any>,
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(
      `Invalid ${what}: ${issue.path.join('.') || what} ${issue.message}`,
    );
  }
  return result.data;
}

/**
 * The approval routes under `/api/runtime/approvals` (see the README): create (a service principal,
 * idempotent by key), list and read (what the caller may decide or made), decide (four eyes), use
 * (a service principal: an approved request, once).
 */
export async function createApprovalsRouter(options: {
  httpAuth: HttpAuthService;
  approvals: ApprovalsService;
}): Promise<express.Router> {
  const { httpAuth, approvals } = options;
  const router = Router();
  router.use('/approvals', express.json());

  router.post('/approvals', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const body = parse(createBody, req.body, 'request body');
    let approvers: string;
    try {
      approvers = groupRef(body.approvers);
    } catch (error) {
      throw new InputError(
        `Invalid request body: approvers ${(error as Error).message}`,
      );
    }
    const { approval, created } = await approvals.create(
      credentials,
      {
        ...body,
        approvers,
        owner: body.owner.toLowerCase(),
        requestedBy: body.requestedBy.toLowerCase(),
      },
      req,
    );
    res.status(created ? 201 : 200).json(approval);
  });

  router.get('/approvals', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const status = parse(statusQuery, req.query.status, 'status');
    res.json({ items: await approvals.list(credentials, status) });
  });

  router.get('/approvals/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await approvals.get(credentials, req.params.id));
  });

  router.post('/approvals/:id/decision', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = parse(decisionBody, req.body, 'request body');
    res.json(await approvals.decide(credentials, req.params.id, body, req));
  });

  router.post('/approvals/:id/use', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await approvals.use(credentials, req.params.id, req));
  });

  return router;
}
