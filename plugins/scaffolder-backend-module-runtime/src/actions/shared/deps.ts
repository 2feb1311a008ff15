import {
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';

/**
 * What every Runtime provisioning action is built with.
 *
 * @public
 */
export interface RuntimeActionDeps {
  /** The Runtime's upstream clients, per configured environment. */
  clients: RuntimeClients;
  /** Decides whether the task's initiator may create the resource. */
  permissions: PermissionsService;
  /** Records who created what, where (optional: tests may leave it out). */
  auditor?: AuditorService;
  /** Announces created resources so the catalog refreshes right away (optional). */
  events?: EventsService;
  /** Prefix of live resource entity names, as the catalog module names them (optional). */
  namePrefix?: string;
}
