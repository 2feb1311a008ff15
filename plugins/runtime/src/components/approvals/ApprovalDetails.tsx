import { Fragment, ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { RuntimeApproval } from '@runtime-portal/backstage-plugin-runtime-common';
import { formatTimestamp } from '../shared';
import { ApprovalStatusChip } from './ApprovalStatusChip';
import { displayRef } from './refs';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(1),
    margin: 0,
  },
  term: { fontWeight: theme.typography.fontWeightBold as number },
  value: { margin: 0, overflowWrap: 'anywhere' },
}));

/** One approval request: what, for which service and environment, who asked and when, its status. */
export function ApprovalDetails(props: { approval: RuntimeApproval }) {
  const { approval: a } = props;
  const classes = useStyles();
  const rows: Array<[string, ReactNode]> = [
    ['Action', a.action],
    ['Service', a.service],
    ['Environment', a.environment],
    ['Owner', displayRef(a.owner, 'group')],
    ['Requested by', displayRef(a.requestedBy, 'user')],
    ['Requested at', formatTimestamp(a.requestedAt)],
    ['Approvers', displayRef(a.approvers, 'group')],
    ['Status', <ApprovalStatusChip status={a.status} />],
  ];
  if (a.status === 'pending' && a.expiresAt) {
    rows.push(['Expires at', formatTimestamp(a.expiresAt)]);
  }
  if (a.decidedBy) rows.push(['Decided by', displayRef(a.decidedBy, 'user')]);
  if (a.decidedAt) rows.push(['Decided at', formatTimestamp(a.decidedAt)]);
  if (a.comment) rows.push(['Comment', a.comment]);
  return (
    <InfoCard title="Request">
      <Typography variant="body1" paragraph>
        {a.summary}
      </Typography>
      <dl className={classes.list}>
        {rows.map(([term, value]) => (
          <Fragment key={term}>
            <dt className={classes.term}>{term}</dt>
            <dd className={classes.value}>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </InfoCard>
  );
}
