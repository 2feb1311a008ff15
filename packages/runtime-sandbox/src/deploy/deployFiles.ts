import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';

// eslint-disable-next-line no-restricted-syntax
const HERE = __dirname;

/**
 * The repository's `deploy/` directory: the manifests and policies the portal ships with. The sandbox
 * always runs from source, so it reads them from disk when it starts and grants the portal exactly
 * what they grant.
 */
const DEFAULT_DEPLOY_DIR = path.resolve(HERE, '../../../../deploy');

/** One object of a manifest, as YAML gives it. */
export type ManifestObject = Record<string, any> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
};

function readManifest(file: string): ManifestObject[] {
  return yaml
    .parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(document => document.toJS() as ManifestObject | null)
    .filter((object): object is ManifestObject => Boolean(object?.kind));
}

/**
 * The RBAC objects of `deploy/rbac/*.yaml` (ClusterRoles, Roles and their bindings to the portal's
 * ServiceAccount), in file order.
 */
export function loadShippedRbac(
  deployDir = DEFAULT_DEPLOY_DIR,
): ManifestObject[] {
  const dir = path.join(deployDir, 'rbac');
  return fs
    .readdirSync(dir)
    .filter(name => /\.ya?ml$/.test(name))
    .sort()
    .flatMap(name => readManifest(path.join(dir, name)));
}

/**
 * The RoleBinding a platform team applies in each team namespace
 * (`deploy/team-namespace/rolebinding.yaml`, without a namespace of its own).
 */
export function loadTeamNamespaceRbac(
  deployDir = DEFAULT_DEPLOY_DIR,
): ManifestObject[] {
  return readManifest(
    path.join(deployDir, 'team-namespace', 'rolebinding.yaml'),
  );
}

/** The OpenBao ACL policy of the portal's token (`deploy/openbao/runtime-portal.hcl`), as HCL text. */
export function loadOpenBaoPortalPolicy(
  deployDir = DEFAULT_DEPLOY_DIR,
): string {
  return fs.readFileSync(
    path.join(deployDir, 'openbao', 'runtime-portal.hcl'),
    'utf8',
  );
}

/**
 * The MinIO policy attached to the portal's access keys (`deploy/minio/runtime-portal-policy.json`),
 * as the JSON text `mc admin policy create` would send.
 */
export function loadMinioPortalPolicy(deployDir = DEFAULT_DEPLOY_DIR): string {
  return fs.readFileSync(
    path.join(deployDir, 'minio', 'runtime-portal-policy.json'),
    'utf8',
  );
}

/**
 * The SQL that creates the portal's PostgreSQL role (`deploy/postgres/runtime-portal.sql`), as a
 * superuser runs it with psql (plain statements, no psql commands).
 */
export function loadPostgresPortalRole(deployDir = DEFAULT_DEPLOY_DIR): string {
  return fs.readFileSync(
    path.join(deployDir, 'postgres', 'runtime-portal.sql'),
    'utf8',
  );
}
