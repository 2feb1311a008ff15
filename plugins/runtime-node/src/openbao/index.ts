export { OpenBaoClient } from './OpenBaoClient';
export type {
  OpenBaoClientOptions,
  OpenBaoCallOptions,
  WriteSecretOptions,
  OpenBaoSecretVersion,
  OpenBaoSecretVersionMetadata,
  OpenBaoSecretMetadata,
  WriteSecretMetadataRequest,
  OpenBaoAclPolicy,
  KubernetesAuthRoleRequest,
  OpenBaoKubernetesAuthRole,
} from './types';
