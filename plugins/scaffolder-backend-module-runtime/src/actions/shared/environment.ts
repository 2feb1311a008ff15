import { InputError } from '@backstage/errors';
import {
  RuntimeClientsService,
  RuntimeUpstreamClients,
} from '@runtime-portal/backstage-plugin-runtime-node';

/**
 * Checks that `environment` is configured and has `upstream`; an `InputError` naming the field and
 * the known environments otherwise. Makes no upstream call.
 */
export function requireUpstream(
  clients: RuntimeClientsService,
  environment: string,
  upstream: keyof RuntimeUpstreamClients,
): void {
  const known = clients.environments().map(e => e.name);
  if (!known.includes(environment)) {
    throw new InputError(
      `Invalid input: environment: '${environment}' is not a configured Runtime environment; known: ${
        known.join(', ') || 'none'
      }`,
    );
  }
  if (!clients.has(environment, upstream)) {
    throw new InputError(
      `Invalid input: environment: '${environment}' has no ${upstream} configured`,
    );
  }
}
