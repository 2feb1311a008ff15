import { InputError } from '@backstage/errors';
import { RouteSettings } from '@runtime-portal/backstage-plugin-runtime-node';

/**
 * The host a route is published at: `host` itself when it is a full host (`<label>.<domain>`), or
 * the label `host` under `domain` (default: the environment's first domain). A host or domain
 * outside the environment's `routes.domains` is an `InputError` naming them; only one label under a
 * domain is allowed (a deeper name would need its own certificate wildcard and DNS delegation).
 */
export function routeHost(
  input: { environment: string; host: string; domain?: string },
  routes: RouteSettings,
): string {
  const allowed = routes.domains.join(', ');
  const refuse = (field: string, why: string) =>
    new InputError(
      `Invalid input: ${field}: ${why}; routes in ${input.environment} must be <label>.<domain> under one of: ${allowed}`,
    );
  if (input.domain !== undefined && !routes.domains.includes(input.domain)) {
    throw refuse('domain', `'${input.domain}' is not a configured domain`);
  }
  const dot = input.host.indexOf('.');
  if (dot < 0) {
    return `${input.host}.${input.domain ?? routes.domains[0]}`;
  }
  const domain = input.host.slice(dot + 1);
  if (!routes.domains.includes(domain)) {
    throw refuse('host', `'${input.host}' is outside the configured domains`);
  }
  if (input.domain !== undefined && input.domain !== domain) {
    throw refuse(
      'host',
      `'${input.host}' is not under the domain given (${input.domain})`,
    );
  }
  return input.host;
}
