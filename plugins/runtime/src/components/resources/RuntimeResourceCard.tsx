import { useEntity } from '@backstage/plugin-catalog-react';
import { RuntimeBucketCard } from './RuntimeBucketCard';
import { RuntimeDatabaseCard } from './RuntimeDatabaseCard';
import { RuntimeInferenceEndpointCard } from './RuntimeInferenceEndpointCard';
import { RuntimeRouteCard } from './RuntimeRouteCard';
import { RuntimeSecretCard } from './RuntimeSecretCard';
import { RuntimeWorkflowCard } from './RuntimeWorkflowCard';
import { runtimeResourceType } from './runtimeEntities';

/**
 * The card of the current runtime Resource, picked by its `spec.type`; nothing for other entities.
 */
export function RuntimeResourceCard() {
  const { entity } = useEntity();
  switch (runtimeResourceType(entity)) {
    case 'inference-endpoint':
      return <RuntimeInferenceEndpointCard />;
    case 'bucket':
      return <RuntimeBucketCard />;
    case 'secret':
      return <RuntimeSecretCard />;
    case 'workflow':
      return <RuntimeWorkflowCard />;
    case 'database':
      return <RuntimeDatabaseCard />;
    case 'route':
      return <RuntimeRouteCard />;
    default:
      return null;
  }
}
