# OpenBao ACL policy `runtime-portal`: what the portal's token may do (the role runtime-portal of the
# Kubernetes auth method grants it; deploy/README.md). Paths assume the KV v2 mount `secret` and the
# Kubernetes auth mount `kubernetes` (runtime.environments[].openbao.kvMount / kubernetesAuthMount):
# change both here if yours differ. The portal never reads a secret's value: it has no `read` on
# secret/data. Capabilities follow OpenBao's request mapping: GET is read, LIST is list, and a
# POST/PUT is create or update on paths with an existence check (KV v2 data and metadata, Kubernetes
# auth roles), update on the others (sys/policies/acl).

# The health probe of the OpenBao upstream (runtime-node OpenBaoClient.checkAccess; runtime-backend
# RuntimeHealthService).
path "auth/token/lookup-self" {
  capabilities = ["read"]
}

# Writes a new secret, and a bucket's keys for its service's MinIO user (OpenBaoClient.writeSecret,
# POST secret/data/<service>/<name> and secret/data/<service>/buckets/<bucket>; scaffolder
# runtime:secret:create secretCreate.ts, runtime:bucket:create bucketAccess.ts). Never read.
path "secret/data/*" {
  capabilities = ["create", "update"]
}

# Reads the key names of a secret's current version, never its values (OpenBaoClient.readSecretKeys,
# GET secret/subkeys/<service>/<name>?depth=1, which answers every value as null; scaffolder
# runtime:secret:rotate secretRotate.ts checks the rotation keeps the secret's keys).
path "secret/subkeys/*" {
  capabilities = ["read"]
}

# Lists every secret path (catalog live resources, secrets.ts listSecretsRecursive: LIST
# secret/metadata/<folder>/), reads each secret's versions and custom metadata (catalog, the secret's
# page secretDetails.ts, the actions' claim checks: GET), and writes the claim (owner and service) into
# the custom metadata (claim.ts writeSecretMetadata: POST). Deletes a retired secret, or a retired
# bucket's keys, with all versions and metadata once its claim is checked (OpenBaoClient
# deleteSecretMetadata: DELETE; runtime:secret:delete secretDelete.ts, runtime:bucket:delete
# bucketDelete.ts).
path "secret/metadata/*" {
  capabilities = ["create", "read", "update", "delete", "list"]
}

# The read-only policy of one secret or one bucket's keys, which the actions write and the secret's
# page shows (grantSecretRead.ts, bucketAccess.ts; secretDetails.ts readAclPolicy). Only names the
# portal gives (runtime-node grantNames.ts: runtime_secret_<service>_<name>, runtime_bucket_<bucket>),
# which never match this policy's own name, runtime-portal. A delete action removes it when its
# header names the claim (revokeSecretRead.ts deleteAclPolicy).
path "sys/policies/acl/runtime_*" {
  capabilities = ["read", "update", "delete"]
}

# The Kubernetes auth role that lets a service's account log in with that policy (grantSecretRead.ts
# writeKubernetesAuthRole, readKubernetesAuthRole; secretDetails.ts), same names: never the portal's
# own role runtime-portal. A delete action removes it when it grants only that policy
# (revokeSecretRead.ts deleteKubernetesAuthRole).
path "auth/kubernetes/role/runtime_*" {
  capabilities = ["create", "read", "update", "delete"]
}
