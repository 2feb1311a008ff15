/**
 * Who the portal is in each upstream, as `deploy/` installs it: the ServiceAccount its pods run as
 * (Kubernetes), the policy its OpenBao token carries and the MinIO user its access keys belong to.
 */
export const PORTAL_IDENTITY = {
  /** `deploy/serviceaccount.yaml`: the subject of every binding in `deploy/rbac/`. */
  serviceAccount: { namespace: 'runtime-portal', name: 'runtime-portal' },
  /** The name of the ACL policy `deploy/openbao/runtime-portal.hcl` is written as. */
  openbaoPolicy: 'runtime-portal',
  /** The canned policy `deploy/minio/runtime-portal-policy.json` is created as. */
  minioPolicy: 'runtime-portal',
  /** The PostgreSQL role `deploy/postgres/runtime-portal.sql` creates. */
  postgresRole: 'runtime_portal',
} as const;
