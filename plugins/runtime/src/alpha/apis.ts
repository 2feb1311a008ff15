import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { runtimeApiRef, RuntimeClient } from '../api';

/** The runtime API over the app's fetch and discovery APIs. */
export const runtimeApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: runtimeApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new RuntimeClient(deps),
    }),
});
