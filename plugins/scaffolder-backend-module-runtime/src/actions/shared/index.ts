export type { RuntimeActionDeps } from './deps';
export { parseInput } from './parseInput';
export {
  dnsLabel,
  environmentField,
  ownerField,
  ownerName,
  serviceField,
} from './fields';
export { claimOf, requireSameClaim, writeClaimMetadata } from './claim';
export type { ResourceClaim } from './claim';
export { audited } from './audit';
export { runtimeResourceEntityRef } from './entityRef';
export { registryRun } from './run';
export type { RuntimeActionRun } from './run';
export { announceResourceChange } from './announce';
export { writeOutputs } from './outputs';
export {
  defineProvisioningAction,
  runProvisioningAction,
  toScaffolderAction,
} from './provisioningAction';
export type { ProvisioningAction } from './provisioningAction';
export { grantSecretRead, readSecretReadGrant } from './grantSecretRead';
export type { SecretReadGrantState } from './grantSecretRead';
export { revokeSecretRead, secretReadGrantLines } from './revokeSecretRead';
export { forceField, retirementInputSchema } from './retirement';
export { defineRetirementAction } from './retirementAction';
export type { NothingLeft, Remains, RetirementRun } from './retirementAction';
export { listedRemains, objectRemains } from './retirementRemains';
export type { ObjectRemoval } from './retirementRemains';
export {
  createExpiry,
  describeExpiry,
  expiresAfterField,
  expiresAtAfter,
  expiryTimestamp,
  extendExpiresAfterField,
} from './expiry';
