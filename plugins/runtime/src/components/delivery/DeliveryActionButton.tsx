import { useState } from 'react';
import { Button, CircularProgress } from '@material-ui/core';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  runtimeDeploymentSyncPermission,
  runtimePipelineRetryPermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeApi, runtimeApiRef } from '../../api';

type Action = {
  label: string;
  permission: ResourcePermission<'catalog-entity'>;
  run: (
    api: RuntimeApi,
    ref: ReturnType<typeof getCompoundEntityRef>,
  ) => Promise<unknown>;
  done: string;
};

/**
 * A button that runs one delivery action of the current entity; hidden from users without its
 * permission on this entity. Says how it went, then calls `onDone` (to reload the report).
 */
function DeliveryActionButton(props: { action: Action; onDone?: () => void }) {
  const { action, onDone } = props;
  const { entity } = useEntity();
  const api = useApi(runtimeApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed } = usePermission({
    permission: action.permission,
    resourceRef: stringifyEntityRef(entity),
  });
  const [busy, setBusy] = useState(false);
  if (!allowed) return null;
  const onClick = async () => {
    setBusy(true);
    try {
      await action.run(api, getCompoundEntityRef(entity));
      alertApi.post({
        message: action.done,
        severity: 'success',
        display: 'transient',
      });
      onDone?.();
    } catch (error) {
      alertApi.post({
        message: `${action.label} failed: ${(error as Error).message}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      variant="outlined"
      disabled={busy}
      onClick={onClick}
      startIcon={busy ? <CircularProgress size={12} /> : undefined}
    >
      {action.label}
    </Button>
  );
}

/** Starts an Argo CD sync of one of the entity's applications (`runtime.deployment.sync`). */
export function SyncButton(props: {
  environment: string;
  application: string;
  onDone?: () => void;
}) {
  const { environment, application } = props;
  return (
    <DeliveryActionButton
      onDone={props.onDone}
      action={{
        label: 'Sync',
        permission: runtimeDeploymentSyncPermission,
        run: (api, ref) =>
          api.syncDeployment(ref, { environment, application }),
        done: `Sync of ${application} in ${environment} started`,
      }}
    />
  );
}

/** Retries one of the entity's pipelines (`runtime.pipeline.retry`). */
export function RetryPipelineButton(props: {
  pipelineId: number;
  onDone?: () => void;
}) {
  const { pipelineId } = props;
  return (
    <DeliveryActionButton
      onDone={props.onDone}
      action={{
        label: 'Retry',
        permission: runtimePipelineRetryPermission,
        run: (api, ref) => api.retryPipeline(ref, pipelineId),
        done: `Pipeline #${pipelineId} retried`,
      }}
    />
  );
}
