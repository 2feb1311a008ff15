import { isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthService } from '@backstage/backend-plugin-api';

/**
 * Registers the URL location `target` with the module's own service credentials. A location the
 * catalog already has for the same target (409) is looked up and counts as done.
 */
export async function addLocationOnce(
  deps: { catalog: CatalogService; auth: AuthService },
  target: string,
): Promise<{ locationId: string; created: boolean }> {
  const credentials = await deps.auth.getOwnServiceCredentials();
  try {
    const { location } = await deps.catalog.addLocation(
      { type: 'url', target },
      { credentials },
    );
    return { locationId: location.id, created: true };
  } catch (error) {
    if (!isConflict(error)) throw error;
    const existing = await deps.catalog.getLocationByRef(`url:${target}`, {
      credentials,
    });
    if (!existing) throw error;
    return { locationId: existing.id, created: false };
  }
}

/** A 409 from the catalog: thrown in process (`ConflictError`) or over HTTP (`ResponseError`). */
function isConflict(error: unknown): boolean {
  return (
    isError(error) &&
    (error.name === 'ConflictError' ||
      (error as { statusCode?: number }).statusCode === 409)
  );
}
