import { useState } from 'react';
import {
  Content,
  ContentHeader,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { RuntimeApprovalStatus } from '@runtime-portal/backstage-plugin-runtime-common';
import useAsync from 'react-use/esm/useAsync';
import { runtimeApiRef } from '../../api';
import { ApprovalsTable } from './ApprovalsTable';
import { useApprovalViewer } from './useApprovalViewer';

const FILTERS: Array<{ value: RuntimeApprovalStatus | ''; label: string }> = [
  { value: '', label: 'All' },
  { value: 'pending', label: 'Pending' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'expired', label: 'Expired' },
];

const useStyles = makeStyles(theme => ({
  // The theme's secondary text on the page's grey is below WCAG AA contrast.
  label: { color: theme.palette.text.primary },
}));

/**
 * The approvals page's content: the requests the user may decide and those they made, filterable by
 * status.
 */
export function ApprovalsListContent() {
  const classes = useStyles();
  const api = useApi(runtimeApiRef);
  const viewer = useApprovalViewer();
  const [status, setStatus] = useState<RuntimeApprovalStatus | ''>('');
  const list = useAsync(
    () => api.listApprovals(status || undefined),
    [api, status],
  );
  return (
    <Content>
      <ContentHeader
        title="Approval requests"
        description="Requests waiting for your decision, and the requests you made"
      >
        <TextField
          select
          id="runtime-approvals-status"
          label="Status"
          value={status}
          onChange={e => setStatus(e.target.value as RuntimeApprovalStatus)}
          SelectProps={{ native: true }}
          // The label above the chosen status (not over it, as it would be for the empty value 'All').
          InputLabelProps={{ shrink: true, className: classes.label }}
          variant="outlined"
          size="small"
        >
          {FILTERS.map(f => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </TextField>
      </ContentHeader>
      {list.error ? (
        <ResponseErrorPanel
          error={list.error}
          title="Could not load the approval requests"
        />
      ) : (
        <ApprovalsTable
          approvals={list.value ?? []}
          viewer={viewer.value}
          loading={list.loading || viewer.loading}
        />
      )}
    </Content>
  );
}
