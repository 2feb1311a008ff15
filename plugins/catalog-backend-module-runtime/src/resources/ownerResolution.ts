import {
  RuntimeLiveResource,
  RuntimeOwnerResolver,
  RuntimeResolvedOwner,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { resolveOwner } from './resolveOwner';

/**
 * The owner of a live resource: by the adopter's resolver when one is set, else by
 * {@link resolveOwner}. An owner the resolver gives that is not a group gives the fallback owner and
 * a problem naming the resolver's answer.
 */
export function resolveOwnerWith(
  resolver: RuntimeOwnerResolver | undefined,
  resource: RuntimeLiveResource,
  fallback: string,
): RuntimeResolvedOwner {
  const resolveDefault = () =>
    resolveOwner(resource.ownerValue, resource.ownerSource, fallback);
  if (!resolver) return resolveDefault();
  const resolved = resolver({
    value: resource.ownerValue,
    source: resource.ownerSource,
    fallback,
    resource,
    resolveDefault,
  });
  const checked = resolveOwner(
    resolved?.owner,
    `the owner resolver's answer for ${resource.ownerSource}`,
    fallback,
  );
  if (checked.problem) return checked;
  return resolved.problem
    ? { owner: checked.owner, problem: resolved.problem }
    : { owner: checked.owner };
}
