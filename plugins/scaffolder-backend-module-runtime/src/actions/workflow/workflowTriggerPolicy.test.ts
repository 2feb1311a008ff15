import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  DEFAULT_KUBERNETES_TRIGGER_KINDS,
  readWorkflowTriggerPolicy,
} from './workflowTriggerPolicy';

const read = (workflows: JsonObject) =>
  readWorkflowTriggerPolicy(new ConfigReader({ runtime: { workflows } }));

describe('readWorkflowTriggerPolicy', () => {
  it('defaults to Jobs and Argo Workflows, and no URL beyond the team’s Services', () => {
    expect(readWorkflowTriggerPolicy(new ConfigReader({}))).toEqual({
      kubernetesTriggerKinds: DEFAULT_KUBERNETES_TRIGGER_KINDS,
      httpTriggerAllowList: [],
    });
  });

  it('reads kinds, core kinds included, and normalises URL prefixes', () => {
    expect(
      read({
        kubernetesTriggerKinds: ['batch/v1/Job', 'v1/ConfigMap'],
        httpTriggerAllowList: ['https://HOOKS.example.com:443'],
      }),
    ).toEqual({
      kubernetesTriggerKinds: ['batch/v1/Job', 'v1/ConfigMap'],
      httpTriggerAllowList: ['https://hooks.example.com/'],
    });
  });

  it.each([
    ['Job', "'Job' is not <group>/<version>/<Kind>"],
    ['rbac.authorization.k8s.io/v1/RoleBinding', 'grants rights'],
    ['v1/Namespace', 'is cluster-scoped'],
    ['v1/Secret', 'a trigger may not create it'],
  ])('stops the backend for the kind %s, naming the key', (kind, message) => {
    expect(() =>
      read({ kubernetesTriggerKinds: ['batch/v1/Job', kind] }),
    ).toThrow(
      `Invalid config at 'runtime.workflows.kubernetesTriggerKinds[1]'`,
    );
    expect(() =>
      read({ kubernetesTriggerKinds: ['batch/v1/Job', kind] }),
    ).toThrow(message);
  });

  it.each([
    'hooks.example.com/ci',
    'ftp://hooks.example.com/',
    'https://user:pass@hooks.example.com/',
    'https://hooks.example.com/ci?token=x',
  ])('stops the backend for the URL prefix %s', prefix => {
    expect(() => read({ httpTriggerAllowList: [prefix] })).toThrow(
      `Invalid config at 'runtime.workflows.httpTriggerAllowList[0]'`,
    );
  });
});
