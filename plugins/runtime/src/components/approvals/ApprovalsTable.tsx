import { Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { RuntimeApproval } from '@runtime-portal/backstage-plugin-runtime-common';
import { approvalRouteRef } from '../../routes';
import { ApprovalStatusChip } from './ApprovalStatusChip';
import { ApprovalViewer, canDecide, isRequester } from './approvalRules';
import { displayRef } from './refs';
import { When } from './When';

/** Props of {@link ApprovalsTable}. */
export interface ApprovalsTableProps {
  approvals: RuntimeApproval[];
  viewer?: ApprovalViewer;
  loading?: boolean;
}

/** What the viewer has to do with a request: decide it, or wait for it as its requester. */
function yourPart(approval: RuntimeApproval, viewer?: ApprovalViewer) {
  if (canDecide(approval, viewer)) return 'Yours to decide';
  if (isRequester(approval, viewer)) return 'Requested by you';
  return '';
}

/**
 * The approval requests in a table: action (a link to the request), service, environment, who asked
 * and when, status, and the viewer's part in it. Requests the viewer may decide come first.
 */
export function ApprovalsTable(props: ApprovalsTableProps) {
  const { approvals, viewer, loading } = props;
  const approvalLink = useRouteRef(approvalRouteRef);
  const columns: TableColumn<RuntimeApproval>[] = [
    {
      title: 'Action',
      field: 'action',
      render: a => <Link to={approvalLink({ id: a.id })}>{a.action}</Link>,
    },
    { title: 'Service', field: 'service' },
    { title: 'Environment', field: 'environment' },
    {
      title: 'Requested by',
      field: 'requestedBy',
      render: a => displayRef(a.requestedBy, 'user'),
    },
    {
      title: 'When',
      field: 'requestedAt',
      render: a => <When iso={a.requestedAt} />,
    },
    {
      title: 'Status',
      field: 'status',
      render: a => <ApprovalStatusChip status={a.status} />,
    },
    { title: 'Your part', render: a => yourPart(a, viewer) },
  ];
  const rows = [...approvals].sort(
    (a, b) => Number(canDecide(b, viewer)) - Number(canDecide(a, viewer)),
  );
  return (
    <Table<RuntimeApproval>
      columns={columns}
      data={rows}
      isLoading={loading}
      options={{
        toolbar: false,
        draggable: false,
        search: false,
        paging: rows.length > 20,
        pageSize: 20,
        padding: 'dense',
      }}
      emptyContent={
        <div style={{ padding: 16 }}>
          No approval requests for you to decide or made by you.
        </div>
      }
    />
  );
}
