import {
  AuditorService,
  DatabaseService,
  HttpAuthService,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { readRuntimeApprovals } from '@runtime-portal/backstage-plugin-runtime-node';
import express from 'express';
import { ApprovalStore } from './ApprovalStore';
import { ApprovalsService } from './ApprovalsService';
import { ApprovalNotices } from './approvalNotices';
import { createApprovalsRouter } from './approvalsRouter';

/**
 * Builds the approval routes of the runtime plugin (`/approvals...`) on the plugin's database, with
 * `runtime.approvals.timeout` from config. `now` replaces the clock in tests.
 */
export async function approvalsRouter(options: {
  config: Config;
  database: DatabaseService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  notifications: NotificationService;
  logger: LoggerService;
  now?: () => number;
}): Promise<express.Router> {
  const store = await ApprovalStore.create({
    database: options.database,
    now: options.now,
  });
  return createApprovalsRouter({
    httpAuth: options.httpAuth,
    approvals: new ApprovalsService({
      store,
      userInfo: options.userInfo,
      auditor: options.auditor,
      notices: new ApprovalNotices(options.notifications, options.logger),
      timeoutMs: readRuntimeApprovals(options.config).timeoutMs,
    }),
  });
}
