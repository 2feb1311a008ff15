import { Entity } from '@backstage/catalog-model';
import { runtimeResourceIdentity } from './resourceIdentity';
import {
  argoWorkflowEntity,
  bucketEntity,
  endpointEntity,
  secretEntity,
  temporalWorkflowEntity,
} from './__testUtils__/liveEntities';

const where = {
  environment: 'dev',
  owner: 'group:default/team-a',
  service: 'component:default/semantic-search',
};

describe('runtimeResourceIdentity', () => {
  it.each([
    [
      'an inference endpoint',
      endpointEntity,
      { type: 'inference-endpoint', namespace: 'team-a', name: 'llama' },
    ],
    ['a secret', secretEntity, { type: 'secret', name: 'database' }],
    ['a bucket', bucketEntity, { type: 'bucket', name: 'recordings' }],
    [
      'an Argo Events workflow',
      argoWorkflowEntity,
      {
        type: 'workflow',
        engine: 'argo-events',
        namespace: 'team-a',
        name: 'orders-hook',
      },
    ],
    [
      'a Temporal workflow',
      temporalWorkflowEntity,
      { type: 'workflow', engine: 'temporal', name: 'handbook-qa' },
    ],
  ])('reads %s as the templates take it', (_, entity, expected) => {
    expect(runtimeResourceIdentity(entity)).toEqual({ ...where, ...expected });
  });

  it('leaves out the owner the catalog fell back to, and what it cannot read', () => {
    const entity: Entity = {
      ...secretEntity,
      metadata: {
        ...secretEntity.metadata,
        annotations: {
          ...secretEntity.metadata.annotations,
          'runtime-portal.io/owner-problem': 'no owner: custom metadata',
        },
      },
      spec: { type: 'secret', owner: 'group:default/platform-team' },
    };
    // Without the service, the secret's name cannot be told from its path.
    expect(runtimeResourceIdentity(entity)).toEqual({
      type: 'secret',
      environment: 'dev',
    });
  });

  it('is undefined for an entity that is not a live Runtime resource', () => {
    expect(
      runtimeResourceIdentity({
        ...bucketEntity,
        spec: { type: 'message-queue', owner: 'group:default/team-a' },
      }),
    ).toBeUndefined();
  });
});
