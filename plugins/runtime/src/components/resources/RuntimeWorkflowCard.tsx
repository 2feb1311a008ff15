import { StructuredMetadataTable } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { RuntimeWorkflowDetails } from '@runtime-portal/backstage-plugin-runtime-common';
import { StatusChip, Tone } from '../shared';
import { METADATA_TABLE_OPTIONS, metadataRows } from './metadataRows';
import { ResourceDetailsCard } from './ResourceDetailsCard';

const ENGINES: Record<RuntimeWorkflowDetails['engine'], string> = {
  'argo-events': 'Argo Events',
  temporal: 'Temporal',
};

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  conditions: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
}));

function conditionTone(status: string): Tone {
  const s = status.toLocaleLowerCase('en-US');
  if (s === 'true' || s === 'registered') return 'ok';
  if (s === 'false' || s === 'deleted') return 'error';
  return 'warning';
}

function Steps(props: {
  title: string;
  steps: Array<{ kind: string; description: string }>;
  empty: string;
}) {
  const classes = useStyles();
  return (
    <div className={classes.section}>
      <Typography variant="subtitle2">{props.title}</Typography>
      {props.steps.length === 0 ? (
        <Typography variant="body2">{props.empty}</Typography>
      ) : (
        <List dense disablePadding>
          {props.steps.map((step, i) => (
            <ListItem key={i} disableGutters>
              <ListItemText primary={step.description} secondary={step.kind} />
            </ListItem>
          ))}
        </List>
      )}
    </div>
  );
}

function WorkflowDetails(props: { details: RuntimeWorkflowDetails }) {
  const { details } = props;
  const classes = useStyles();
  return (
    <>
      <StructuredMetadataTable
        metadata={metadataRows([
          ['Engine', ENGINES[details.engine] ?? details.engine],
          ['Name', <code>{details.name}</code>],
          ['Namespace', details.namespace],
          [
            'Webhook (in cluster)',
            details.webhookUrls?.length ? (
              <>
                {details.webhookUrls.map(url => (
                  <div key={url}>
                    <code>{url}</code>
                  </div>
                ))}
              </>
            ) : undefined,
          ],
          [
            'Retention',
            details.retentionDays === undefined
              ? undefined
              : `${details.retentionDays} days`,
          ],
        ])}
        options={METADATA_TABLE_OPTIONS}
      />
      <Steps title="Triggers" steps={details.triggers} empty="No trigger." />
      <Steps title="Actions" steps={details.actions} empty="No action." />
      <div className={classes.section}>
        <Typography variant="subtitle2">Conditions</Typography>
        {details.conditions.length === 0 ? (
          <Typography variant="body2">No condition reported yet.</Typography>
        ) : (
          <div className={classes.conditions}>
            {details.conditions.map(c => (
              <StatusChip
                key={c.type}
                label={`${c.type}: ${c.status}`}
                tone={conditionTone(c.status)}
                title={c.message}
              />
            ))}
          </div>
        )}
      </div>
    </>
  );
}

/**
 * Card of a workflow (Argo Events source + sensor, or Temporal namespace): engine, the in-cluster
 * URL of a webhook, triggers, actions, conditions, retention.
 */
export function RuntimeWorkflowCard() {
  return (
    <ResourceDetailsCard title="Workflow" type="workflow">
      {details => <WorkflowDetails details={details} />}
    </ResourceDetailsCard>
  );
}
