import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  DEFAULT_WORKFLOW_EVENT_BUS_POLICY,
  readWorkflowEventBusPolicy,
} from './workflowEventBusPolicy';

const read = (workflows: JsonObject) =>
  readWorkflowEventBusPolicy(new ConfigReader({ runtime: { workflows } }));

describe('readWorkflowEventBusPolicy', () => {
  it('refuses a missing EventBus by default', () => {
    expect(readWorkflowEventBusPolicy(new ConfigReader({}))).toEqual(
      DEFAULT_WORKFLOW_EVENT_BUS_POLICY,
    );
    expect(DEFAULT_WORKFLOW_EVENT_BUS_POLICY).toEqual({
      createDefault: false,
      jetStreamVersion: 'latest',
    });
  });

  it('reads createDefaultEventBus and the JetStream version', () => {
    expect(
      read({ createDefaultEventBus: true, defaultEventBusVersion: '2.10.29' }),
    ).toEqual({ createDefault: true, jetStreamVersion: '2.10.29' });
  });

  it('stops at start-up on a version that is not one, or a flag that is not a boolean', () => {
    expect(() => read({ defaultEventBusVersion: '2.10 beta' })).toThrow(
      "Invalid config at 'runtime.workflows.defaultEventBusVersion': '2.10 beta' is not a JetStream version such as 2.10.29",
    );
    expect(() => read({ createDefaultEventBus: 'maybe' })).toThrow(
      'createDefaultEventBus',
    );
  });
});
