import { useState } from 'react';
import {
  Content,
  ContentHeader,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import { RuntimeApproval } from '@runtime-portal/backstage-plugin-runtime-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { runtimeApiRef } from '../../api';
import { approvalsRouteRef } from '../../routes';
import { ApprovalDetails } from './ApprovalDetails';
import { canDecide } from './approvalRules';
import { DecisionAlert } from './DecisionAlert';
import { DecisionForm } from './DecisionForm';
import { useApprovalViewer } from './useApprovalViewer';

function LoadError(props: { error: Error }) {
  const { error } = props;
  if (error instanceof ResponseError && error.statusCode === 404) {
    return (
      <WarningPanel
        severity="warning"
        title="No such approval request for you"
        message="It does not exist, or you may neither decide it nor did you make it."
      />
    );
  }
  return (
    <ResponseErrorPanel
      error={error}
      title="Could not load the approval request"
    />
  );
}

/**
 * One approval request's page content: its details and, for an approver who is not its requester while
 * it is pending, Approve and Reject. After a decision it shows the decided request; when the backend
 * says it was decided already (409) it reloads it.
 */
export function ApprovalContent(props: { id: string }) {
  const { id } = props;
  const api = useApi(runtimeApiRef);
  const viewer = useApprovalViewer();
  const approvalsLink = useRouteRef(approvalsRouteRef);
  const loaded = useAsyncRetry(() => api.getApproval(id), [api, id]);
  const [decided, setDecided] = useState<RuntimeApproval>();
  const [error, setError] = useState<Error>();
  const approval = decided ?? loaded.value;

  const onDecided = (result: RuntimeApproval) => {
    setError(undefined);
    setDecided(result);
  };
  const onError = (e: Error) => {
    setError(e);
    if (e instanceof ResponseError && e.statusCode === 409) {
      setDecided(undefined);
      loaded.retry();
    }
  };

  let body;
  if (approval) {
    body = (
      <>
        <ApprovalDetails approval={approval} />
        <Box mt={2}>
          <DecisionAlert
            error={error}
            decided={decided ? decided.status : undefined}
          />
        </Box>
        {canDecide(approval, viewer.value) && (
          // On a card: the form's label and helper text are too faint on the page's grey (WCAG contrast).
          <Box mt={2}>
            <InfoCard title="Your decision">
              <DecisionForm
                approval={approval}
                onDecided={onDecided}
                onError={onError}
              />
            </InfoCard>
          </Box>
        )}
      </>
    );
  } else if (loaded.error) {
    body = <LoadError error={loaded.error} />;
  } else {
    body = <Progress />;
  }

  return (
    <Content>
      <ContentHeader
        title={
          approval
            ? `${approval.action} for ${approval.service} in ${approval.environment}`
            : 'Approval request'
        }
      >
        <Link to={approvalsLink()}>All approvals</Link>
      </ContentHeader>
      {body}
    </Content>
  );
}
