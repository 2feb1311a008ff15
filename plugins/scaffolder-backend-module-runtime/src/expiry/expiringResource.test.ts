import { Entity } from '@backstage/catalog-model';
import {
  RUNTIME_ANNOTATIONS,
  RUNTIME_RESOURCE_DETAIL_ANNOTATIONS,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { parseExpiresAt } from './expiresAt';
import { expiringResourceOf } from './expiringResource';

const common = {
  environment: 'dev',
  owner: 'group:default/search-team',
  service: 'semantic-search',
  force: true,
};

function entity(
  type: string,
  upstreamRef: string,
  extra: Record<string, string> = {},
  location = 'runtime:dev/source',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'dev-thing',
      annotations: {
        'backstage.io/managed-by-location': location,
        [RUNTIME_ANNOTATIONS.environment]: 'dev',
        [RUNTIME_ANNOTATIONS.upstreamRef]: upstreamRef,
        [RUNTIME_ANNOTATIONS.expiresAt]: '2026-12-06T12:00:00Z',
        ...extra,
      },
    },
    spec: {
      type,
      owner: 'group:default/search-team',
      dependencyOf: ['component:default/semantic-search'],
    },
  };
}

describe('expiringResourceOf', () => {
  it.each([
    ['bucket', 's3://data', {}, { name: 'data' }],
    ['secret', 'secret/semantic-search/db', {}, { name: 'db' }],
    [
      'inference-endpoint',
      'team-search/llama',
      {},
      { namespace: 'team-search', name: 'llama' },
    ],
    [
      'workflow',
      'team-search/nightly',
      { [RUNTIME_RESOURCE_DETAIL_ANNOTATIONS.workflowEngine]: 'argo-events' },
      {
        engine: 'argo-events',
        argoEvents: { namespace: 'team-search' },
        name: 'nightly',
      },
    ],
    [
      'workflow',
      'temporal:search-jobs',
      { [RUNTIME_RESOURCE_DETAIL_ANNOTATIONS.workflowEngine]: 'temporal' },
      { engine: 'temporal', name: 'search-jobs' },
    ],
    [
      'database',
      'postgresql://127.0.0.1:5433/orders_v2',
      {},
      { name: 'orders_v2' },
    ],
    [
      'route',
      'team-search/search-api',
      {},
      { namespace: 'team-search', name: 'search-api' },
    ],
  ])('builds the %s delete input from %s', (type, ref, extra, names) => {
    const resource = expiringResourceOf(entity(type, ref, extra))!;
    expect(resource.deleteInput).toEqual({ ...common, ...names });
    expect(resource.expiresAt.toISOString()).toBe('2026-12-06T12:00:00.000Z');
    expect(resource.owner).toBe('group:default/search-team');
  });

  it("skips a bucket's stored keys: the bucket's delete retires them", () => {
    expect(
      expiringResourceOf(
        entity('secret', 'secret/semantic-search/buckets/data'),
      ),
    ).toBeUndefined();
  });

  it.each([
    [
      'another service in the secret path',
      entity('secret', 'secret/chat-assistant/db'),
      'does not name a secret of service semantic-search',
    ],
    [
      'an entity another provider or a location made',
      entity(
        'bucket',
        's3://data',
        {},
        'url:https://gitlab/x/catalog-info.yaml',
      ),
      'not a live resource of the Runtime catalog module',
    ],
    [
      'an owner problem',
      entity('bucket', 's3://data', {
        [RUNTIME_ANNOTATIONS.ownerProblem]: 'no owner',
      }),
      'its owner is unknown',
    ],
    [
      'an unreadable expiry',
      entity('bucket', 's3://data', {
        [RUNTIME_ANNOTATIONS.expiresAt]: 'next tuesday',
      }),
      "its expiry 'next tuesday' is not an ISO 8601 UTC time",
    ],
    ['an unknown type', entity('queue', 'q/x'), "its type 'queue'"],
  ])('refuses %s', (_, e, message) => {
    expect(() => expiringResourceOf(e)).toThrow(message);
  });
});

describe('parseExpiresAt', () => {
  it('reads the ISO and the compact form, and nothing else', () => {
    expect(parseExpiresAt('2026-12-12T12:00:00Z')?.toISOString()).toBe(
      '2026-12-12T12:00:00.000Z',
    );
    expect(parseExpiresAt('20261212T120000Z')?.toISOString()).toBe(
      '2026-12-12T12:00:00.000Z',
    );
    expect(parseExpiresAt('2026-12-12T12:00:00+02:00')).toBeUndefined();
    expect(parseExpiresAt('2026-13-12T12:00:00Z')).toBeUndefined();
    expect(parseExpiresAt(undefined)).toBeUndefined();
  });
});
