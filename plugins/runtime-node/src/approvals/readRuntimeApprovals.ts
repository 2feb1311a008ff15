import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { groupRef } from '../access/groupRef';

/**
 * One rule of `runtime.approvals.rules`: runs of these actions (in these environments, under this
 * condition) need a decision by a member of `approvers`.
 *
 * @public
 */
export interface RuntimeApprovalRule {
  /** Action id patterns; `*` matches one id segment. */
  actions: string[];
  /** The environments it applies to; all when absent. */
  environments?: string[];
  /** Conditions on the input. */
  when?: { gpu?: boolean };
  /** The deciding group's entity ref, lowercase. */
  approvers: string;
}

/**
 * `runtime.approvals`: the rules and how long a pending request waits.
 *
 * @public
 */
export interface RuntimeApprovalsConfig {
  /** Milliseconds a pending request waits before it expires. */
  timeoutMs: number;
  rules: RuntimeApprovalRule[];
}

/**
 * What a run is, as far as the rules care: its action id, environment and whether its input asks
 * for a GPU resource profile.
 *
 * @public
 */
export interface RuntimeApprovalFacts {
  action: string;
  environment: string;
  gpu: boolean;
}

/** The default `runtime.approvals.timeout`: 24 hours. */
const DEFAULT_TIMEOUT_MS = 24 * 60 * 60 * 1000;
const ACTION_PATTERN = /^(\*|[a-z0-9][a-z0-9-]*)(:(\*|[a-z0-9][a-z0-9-]*))*$/;

/**
 * Reads `runtime.approvals` (both plugins read it with this, so they agree); a bad value stops the
 * backend at start-up with a message naming the key. Absent, no run needs an approval.
 *
 * @public
 */
export function readRuntimeApprovals(config: Config): RuntimeApprovalsConfig {
  const approvals = config.getOptionalConfig('runtime.approvals');
  if (!approvals) return { timeoutMs: DEFAULT_TIMEOUT_MS, rules: [] };
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (approvals.has('timeout')) {
    try {
      timeoutMs = durationToMilliseconds(
        readDurationFromConfig(approvals, { key: 'timeout' }),
      );
    } catch (error) {
      throw new Error(
        `Invalid config at 'runtime.approvals.timeout': ${
          (error as Error).message
        }`,
      );
    }
    if (!(timeoutMs > 0)) {
      throw new Error(
        `Invalid config at 'runtime.approvals.timeout': must be longer than zero`,
      );
    }
  }
  const rules = (approvals.getOptionalConfigArray('rules') ?? []).map(
    (rule, i) => readRule(rule, `runtime.approvals.rules[${i}]`),
  );
  return { timeoutMs, rules };
}

function readRule(rule: Config, key: string): RuntimeApprovalRule {
  const actions = rule.getStringArray('actions');
  if (actions.length === 0) {
    throw new Error(`Invalid config at '${key}.actions': list no action`);
  }
  actions.forEach((action, i) => {
    if (!ACTION_PATTERN.test(action)) {
      throw new Error(
        `Invalid config at '${key}.actions[${i}]': '${action}' is not an action id pattern such as runtime:*:delete`,
      );
    }
  });
  const gpu = rule.getOptionalBoolean('when.gpu');
  return {
    actions,
    environments: rule.getOptionalStringArray('environments'),
    ...(gpu !== undefined && { when: { gpu } }),
    approvers: groupRef(rule.getString('approvers'), `${key}.approvers`),
  };
}

/** Whether the action id `action` matches `pattern` (`*` matches one segment). */
function matchesAction(pattern: string, action: string): boolean {
  const want = pattern.split(':');
  const have = action.split(':');
  return (
    want.length === have.length &&
    want.every((segment, i) => segment === '*' || segment === have[i])
  );
}

/**
 * The first rule that applies to a run, or `undefined` when the run needs no approval.
 *
 * @public
 */
export function approvalRuleFor(
  approvals: RuntimeApprovalsConfig,
  facts: RuntimeApprovalFacts,
): RuntimeApprovalRule | undefined {
  return approvals.rules.find(
    rule =>
      rule.actions.some(pattern => matchesAction(pattern, facts.action)) &&
      (!rule.environments || rule.environments.includes(facts.environment)) &&
      (rule.when?.gpu === undefined || rule.when.gpu === facts.gpu),
  );
}
