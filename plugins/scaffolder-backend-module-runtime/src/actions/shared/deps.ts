import {
  AuditorService,
  AuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import type { ApprovalGateDeps } from './approvalGate';
import {
  RuntimeAccessConfig,
  RuntimeClientsService,
  TeamNamespaces,
} from '@runtime-portal/backstage-plugin-runtime-node';

/**
 * What every Runtime provisioning action is built with.
 *
 * @public
 */
export interface RuntimeActionDeps {
  /** The Runtime's upstream clients, per configured environment. */
  clients: RuntimeClientsService;
  /** Decides whether the task's initiator may create the resource. */
  permissions: PermissionsService;
  /** The initiator's ownership refs (the teams they may act for). */
  userInfo: UserInfoService;
  /** Who may act on what (`runtime.access`). */
  access: RuntimeAccessConfig;
  /** Which namespaces belong to which team. */
  teamNamespaces: TeamNamespaces;
  /** Tells which team owns a service (its `component:default/<service>`). */
  catalog: CatalogService;
  /** The module's own service credentials, to read the catalog with. */
  auth: AuthService;
  /** Records who created what, where (optional: tests may leave it out). */
  auditor?: AuditorService;
  /** Announces created resources so the catalog refreshes right away (optional). */
  events?: EventsService;
  /** Prefix of live resource entity names, as the catalog module names them (optional). */
  namePrefix?: string;
  /** The approval gate (`runtime.approvals`); without it no run asks for approval. */
  approvals?: ApprovalGateDeps;
}
