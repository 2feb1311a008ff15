import { InputError, NotAllowedError } from '@backstage/errors';
import {
  TeamNamespaces,
  groupRef,
} from '@runtime-portal/backstage-plugin-runtime-node';

const FIELD = 'argoEvents.trigger.url';

/** `<service>.<namespace>.svc` or `<service>.<namespace>.svc.cluster.local`. */
const SERVICE_HOST =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.svc(\.cluster\.local)?$/;

/** WHATWG URL writes every IPv4 form (hex, octal, short) as dotted decimal, and IPv6 in brackets. */
const IP_LITERAL = /^(\d+\.\d+\.\d+\.\d+|\[.*\])$/;

/**
 * Checks where an `http` trigger may call and returns the URL as WHATWG URL normalises it (what
 * the Sensor gets, so what was checked is what is called): an in-cluster Service of one of `owner`'s
 * namespaces (`http(s)://<svc>.<team-ns>.svc[.cluster.local][:port]/…`) or a URL under a prefix of
 * `runtime.workflows.httpTriggerAllowList`. Credentials in the URL are an `InputError`; any other
 * host a `NotAllowedError` (403) naming the host and why.
 */
export async function requireAllowedHttpTrigger(
  value: string,
  context: {
    environment: string;
    owner: string;
    allowList: string[];
    teamNamespaces: TeamNamespaces;
    signal?: AbortSignal;
  },
): Promise<string> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`Invalid input: ${FIELD}: must be an http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`Invalid input: ${FIELD}: must be an http(s) URL`);
  }
  if (url.username || url.password) {
    throw new InputError(
      `Invalid input: ${FIELD}: must not carry credentials (user:password@)`,
    );
  }
  if (context.allowList.some(prefix => isUnder(url, new URL(prefix)))) {
    return url.href;
  }
  const host = url.hostname;
  const team = groupRef(context.owner);
  if (IP_LITERAL.test(host)) {
    throw new NotAllowedError(
      `Not allowed: ${FIELD}: host ${host} is an IP address; an http trigger calls a Service of a namespace of ${team} by name, or a URL of runtime.workflows.httpTriggerAllowList`,
    );
  }
  const service = SERVICE_HOST.exec(host);
  if (!service) {
    throw new NotAllowedError(
      `Not allowed: ${FIELD}: host ${host} is neither a Service of a namespace of ${team} (<service>.<namespace>.svc) nor under runtime.workflows.httpTriggerAllowList`,
    );
  }
  const namespace = service[2];
  const found = await context.teamNamespaces.ownerOf(
    context.environment,
    namespace,
    { signal: context.signal },
  );
  if (found !== team) {
    throw new NotAllowedError(
      `Not allowed: ${FIELD}: host ${host} is a Service of namespace ${namespace}, which ${
        found ? `belongs to ${found}` : 'belongs to no team'
      }, not ${team}`,
    );
  }
  return url.href;
}

/** Whether `url` is `prefix` or below it: same origin, and the path at or under the prefix's path. */
function isUnder(url: URL, prefix: URL): boolean {
  if (url.origin !== prefix.origin) return false;
  const path = prefix.pathname;
  return path.endsWith('/')
    ? url.pathname.startsWith(path)
    : url.pathname === path || url.pathname.startsWith(`${path}/`);
}
