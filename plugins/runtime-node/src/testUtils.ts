/**
 * Test doubles of the Runtime Portal backend library.
 *
 * @packageDocumentation
 */

import { createServiceFactory } from '@backstage/backend-plugin-api';
import { createServiceMock } from '@backstage/backend-test-utils';
import {
  RuntimeClientsService,
  runtimeClientsServiceRef,
} from './clients';
import {
  InMemoryRuntimeClients,
  InMemoryRuntimeClientsOptions,
} from './clients/InMemoryRuntimeClients';

/**
 * What {@link runtimeClientsServiceMock} is made from: the environments, and the (possibly partial)
 * client of each upstream of each environment.
 *
 * @public
 */
export type RuntimeClientsServiceMockOptions = InMemoryRuntimeClientsOptions;

/**
 * A {@link RuntimeClientsService} that hands out the given clients, and fails like the real one for
 * unknown environments (`NotFoundError`) and upstreams not given (`InputError`).
 *
 * @public
 */
export function runtimeClientsServiceMock(
  options?: RuntimeClientsServiceMockOptions,
): RuntimeClientsService {
  return new InMemoryRuntimeClients(options);
}

/**
 * Mock functionality for the Runtime clients service.
 *
 * @public
 */
export namespace runtimeClientsServiceMock {
  /** A service factory for `startTestBackend` that provides the given clients. */
  export const factory = (options?: RuntimeClientsServiceMockOptions) =>
    createServiceFactory({
      service: runtimeClientsServiceRef,
      deps: {},
      factory: () => new InMemoryRuntimeClients(options),
    });

  /**
   * A service whose methods are `jest.fn()`, some of them possibly implemented by the caller, with a
   * `.factory` for `startTestBackend`.
   */
  export const mock = createServiceMock(runtimeClientsServiceRef, () => ({
    environments: jest.fn(),
    environment: jest.fn(),
    has: jest.fn(),
    client: jest.fn(),
    platformClient: jest.fn(),
    platformAccess: jest.fn(),
  }));
}
