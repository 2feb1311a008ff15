import { RuntimeActionDeps, ResourceClaim } from '../shared';
import { claimLabels } from '../claimedObject';
import { ArgoEventsTriggerInput } from './argoEventsObjects';
import { requireAllowedHttpTrigger } from './httpTrigger';
import { boundKubernetesTrigger } from './kubernetesTrigger';
import { TriggerInput } from './workflowFields';
import { WorkflowTriggerPolicy } from './workflowTriggerPolicy';

/**
 * The trigger as the Sensor gets it, once it is known to stay within the owner's reach: a `k8s`
 * trigger bounded to the workflow's namespace and labelled with its claim, an `http` trigger's URL
 * checked and normalised (a `NotAllowedError` saying why otherwise).
 */
export async function boundTrigger(
  deps: Pick<RuntimeActionDeps, 'teamNamespaces'>,
  target: {
    environment: string;
    namespace: string;
    claim: ResourceClaim;
    trigger: TriggerInput;
  },
  policy: WorkflowTriggerPolicy,
  signal?: AbortSignal,
): Promise<ArgoEventsTriggerInput> {
  const { environment, namespace, claim, trigger } = target;
  if (trigger.type === 'k8s') {
    return {
      ...trigger,
      resource: boundKubernetesTrigger(trigger, {
        namespace,
        kinds: policy.kubernetesTriggerKinds,
        claimLabels: claimLabels(claim),
      }),
    };
  }
  return {
    ...trigger,
    url: await requireAllowedHttpTrigger(trigger.url, {
      environment,
      owner: claim.owner,
      allowList: policy.httpTriggerAllowList,
      teamNamespaces: deps.teamNamespaces,
      signal,
    }),
  };
}
