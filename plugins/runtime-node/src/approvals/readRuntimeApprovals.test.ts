import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { approvalRuleFor, readRuntimeApprovals } from './readRuntimeApprovals';

const read = (approvals: JsonValue) =>
  readRuntimeApprovals(new ConfigReader({ runtime: { approvals } }));

describe('readRuntimeApprovals', () => {
  const approvals = read({
    timeout: { hours: 2 },
    rules: [
      {
        actions: ['runtime:*:delete'],
        environments: ['prod'],
        approvers: 'platform-team',
      },
      {
        actions: [
          'runtime:inference-endpoint:create',
          'runtime:inference-endpoint:update',
        ],
        when: { gpu: true },
        approvers: 'group:default/gpu-owners',
      },
    ],
  });

  it('reads the timeout and the rules, approvers as group refs', () => {
    expect(approvals.timeoutMs).toBe(2 * 60 * 60 * 1000);
    expect(approvals.rules.map(rule => rule.approvers)).toEqual([
      'group:default/platform-team',
      'group:default/gpu-owners',
    ]);
    expect(readRuntimeApprovals(new ConfigReader({}))).toEqual({
      timeoutMs: 24 * 60 * 60 * 1000,
      rules: [],
    });
    expect(read({ timeout: 'PT30M' }).timeoutMs).toBe(30 * 60 * 1000);
  });

  it('matches `*` to exactly one id segment, the environment and the GPU condition', () => {
    const rule = (action: string, environment: string, gpu = false) =>
      approvalRuleFor(approvals, { action, environment, gpu })?.approvers;
    expect(rule('runtime:bucket:delete', 'prod')).toBe(
      'group:default/platform-team',
    );
    expect(rule('runtime:bucket:delete', 'dev')).toBeUndefined();
    expect(rule('runtime:bucket:rotate-credentials', 'prod')).toBeUndefined();
    expect(rule('runtime:x:bucket:delete', 'prod')).toBeUndefined();
    expect(rule('runtime:inference-endpoint:update', 'dev', true)).toBe(
      'group:default/gpu-owners',
    );
    expect(rule('runtime:inference-endpoint:update', 'dev')).toBeUndefined();
  });

  it('stops start-up on a bad value, naming the key', () => {
    expect(() =>
      read({
        rules: [{ actions: ['runtime:**'], approvers: 'platform-team' }],
      }),
    ).toThrow("Invalid config at 'runtime.approvals.rules[0].actions[0]'");
    expect(() =>
      read({ rules: [{ actions: ['runtime:*:delete'], approvers: 'a b' }] }),
    ).toThrow("Invalid config at 'runtime.approvals.rules[0].approvers'");
    expect(() => read({ timeout: { hours: 0 } })).toThrow(
      "Invalid config at 'runtime.approvals.timeout'",
    );
    expect(() => read({ timeout: { fortnights: 1 } })).toThrow(
      "Invalid config at 'runtime.approvals.timeout'",
    );
  });
});
