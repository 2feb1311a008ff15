/**
 * Test helpers for backends that run this policy with the real permission and catalog backends.
 *
 * @packageDocumentation
 */
export { oboAuthFactory } from './oboAuthFactory';
