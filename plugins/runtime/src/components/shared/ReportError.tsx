import { ResponseErrorPanel, WarningPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';

/**
 * The whole-request failure of a report: a warning when the entity is not known to the runtime
 * backend (404), the response error panel otherwise (401, 403, 5xx, network).
 */
export function ReportError(props: { error: Error; what: string }) {
  const { error, what } = props;
  if (error instanceof ResponseError && error.statusCode === 404) {
    return (
      <WarningPanel
        severity="warning"
        title={`No ${what} for this entity`}
        message={error.body?.error?.message ?? error.message}
      />
    );
  }
  return <ResponseErrorPanel error={error} title={`Could not load ${what}`} />;
}
