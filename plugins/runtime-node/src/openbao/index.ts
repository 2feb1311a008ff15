export { OpenBaoClient } from './OpenBaoClient';
export {
  bucketKeysGrantName,
  secretGrantName,
  secretReadGrantName,
} from './grantNames';
export type {
  OpenBaoClientOptions,
  OpenBaoCallOptions,
  WriteSecretOptions,
  WriteSecretMetadataOptions,
  OpenBaoSecretVersion,
  OpenBaoSecretVersionMetadata,
  OpenBaoSecretKeys,
  OpenBaoSecretMetadata,
  WriteSecretMetadataRequest,
  OpenBaoAclPolicy,
  KubernetesAuthRoleRequest,
  OpenBaoKubernetesAuthRole,
} from './types';
