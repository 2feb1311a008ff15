import { ReactNode } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import Button from '@material-ui/core/Button';
import {
  RuntimeResourceDetails,
  RuntimeResourceType,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeResourceActions } from './actions/RuntimeResourceActions';
import { resourceEnvironment } from './runtimeEntities';
import { resourceExpiryText } from './resourceExpiry';
import { useRuntimeResourceDetails } from './useRuntimeResourceDetails';

type DetailsOf<T extends RuntimeResourceType> = Extract<
  RuntimeResourceDetails,
  { type: T }
>;

/**
 * The frame of every runtime resource card: reads the live details of the current entity and shows
 * loading, not-found (404), not-allowed (403), error and wrong-type states, or the card's body; below
 * it, the changes the user may make to the resource (even when its live details cannot be read). The
 * subheader says when the resource expires, if it does.
 */
export function ResourceDetailsCard<T extends RuntimeResourceType>(props: {
  title: string;
  type: T;
  children: (details: DetailsOf<T>) => ReactNode;
}) {
  const { entity } = useEntity();
  const { value, loading, error, retry } = useRuntimeResourceDetails(entity);
  const environment = resourceEnvironment(entity) ?? 'its environment';
  const name = entity.metadata.title ?? entity.metadata.name;
  const expiry = resourceExpiryText(entity);

  let body: ReactNode;
  if (loading) {
    body = <Progress />;
  } else if (error instanceof ResponseError && error.statusCode === 404) {
    body = (
      <WarningPanel
        severity="warning"
        title={`${name} not found in ${environment}`}
        message={`The runtime backend did not find it in ${environment}: it may have been deleted there. The catalog drops it on its next refresh.`}
      />
    );
  } else if (error instanceof ResponseError && error.statusCode === 403) {
    // Retrying will not help: the answer says why (the permission, or an entity not made by the
    // Runtime's entity provider).
    body = (
      <WarningPanel
        severity="error"
        title={`Not allowed to see the live details of ${name}`}
        message={error.body?.error?.message ?? error.message}
      />
    );
  } else if (error) {
    body = (
      <>
        <ResponseErrorPanel
          error={error}
          title="Could not load the live details"
        />
        <Button size="small" onClick={retry}>
          Retry
        </Button>
      </>
    );
  } else if (!value || value.type !== props.type) {
    body = (
      <WarningPanel
        severity="warning"
        title="Unexpected answer"
        message={`The runtime backend described this ${props.type} as ${
          value?.type ?? 'nothing'
        }.`}
      />
    );
  } else {
    body = props.children(value as DetailsOf<T>);
  }

  return (
    <InfoCard
      title={props.title}
      subheader={`Live in ${environment}${
        expiry ? ` · expires ${expiry}` : ''
      }`}
      actions={<RuntimeResourceActions />}
    >
      {body}
    </InfoCard>
  );
}
