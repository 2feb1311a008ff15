import { Box, makeStyles, Typography } from '@material-ui/core';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { RuntimeDeliveryReport } from '@runtime-portal/backstage-plugin-runtime-common';
import { useRuntimeDelivery } from '../../hooks/useRuntimeReports';
import { useEntityTabLink } from '../../hooks/useEntityTabLink';
import {
  DeploymentChips,
  FailedJobs,
  LastSyncChip,
  lastDefaultBranchPipeline,
  RetryPipelineButton,
  SyncButton,
} from '../delivery';
import {
  EmptyNote,
  formatDuration,
  formatRelativeTime,
  formatTimestamp,
  imageRisk,
  pipelineTone,
  ReportError,
  shortRevision,
  SignalView,
  StatusChip,
} from '../shared';

const useStyles = makeStyles(theme => ({
  section: { '& + &': { marginTop: theme.spacing(2) } },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(0.5),
  },
  mono: { fontFamily: 'monospace' },
}));

/**
 * Props of {@link RuntimeDeliveryCard}.
 *
 * @public
 */
export interface RuntimeDeliveryCardProps {
  /** The path of the Delivery tab on the entity page; `delivery` unless given. */
  tabPath?: string;
}

/**
 * Entity overview card: what is deployed where (sync, health, last sync), the last pipeline of the
 * default branch (when it failed, the jobs that failed it, linked to GitLab), and the newest image
 * with its risk; problems are marked red.
 */
export function RuntimeDeliveryCard(props: RuntimeDeliveryCardProps) {
  const { value, loading, error, retry } = useRuntimeDelivery();
  const detailsLink = useEntityTabLink(props.tabPath ?? 'delivery');

  let body;
  if (error) body = <ReportError error={error} what="delivery" />;
  else if (loading || !value) body = <Progress />;
  else body = <DeliverySummary report={value} reload={retry} />;

  return (
    <InfoCard
      title="Delivery"
      deepLink={{ title: 'View details', link: detailsLink }}
    >
      {body}
    </InfoCard>
  );
}

function DeliverySummary(props: {
  report: RuntimeDeliveryReport;
  reload: () => void;
}) {
  const { report, reload } = props;
  const classes = useStyles();
  return (
    <>
      <section className={classes.section} aria-label="Deployments">
        <Typography variant="overline" component="h3">
          Deployments
        </Typography>
        {report.deployments.length === 0 && (
          <EmptyNote>
            No environment deploys this entity with Argo CD.
          </EmptyNote>
        )}
        {report.deployments.map(env => (
          <Box key={env.environment} mb={1}>
            <Typography variant="subtitle2">{env.environment}</Typography>
            <SignalView label="Argo CD" signal={env}>
              {apps =>
                apps.length === 0 ? (
                  <EmptyNote>No Argo CD application found</EmptyNote>
                ) : (
                  apps.map(app => (
                    <div key={app.application} className={classes.row}>
                      {app.url ? (
                        <Link to={app.url}>{app.application}</Link>
                      ) : (
                        app.application
                      )}
                      <span className={classes.mono} title={app.revision}>
                        {shortRevision(app.revision)}
                      </span>
                      <DeploymentChips deployment={app} />
                      <LastSyncChip deployment={app} />
                      {app.syncStatus !== 'Synced' && (
                        <SyncButton
                          environment={env.environment}
                          application={app.application}
                          onDone={reload}
                        />
                      )}
                      {app.lastSync?.finishedAt && (
                        <Typography
                          variant="caption"
                          color="textSecondary"
                          title={formatTimestamp(app.lastSync.finishedAt)}
                        >
                          {formatRelativeTime(app.lastSync.finishedAt)}
                        </Typography>
                      )}
                    </div>
                  ))
                )
              }
            </SignalView>
          </Box>
        ))}
      </section>

      <section className={classes.section} aria-label="Last pipeline">
        <Typography variant="overline" component="h3">
          Last pipeline
        </Typography>
        <SignalView label="GitLab" signal={report.pipelines}>
          {data => {
            const p = lastDefaultBranchPipeline(data);
            if (!p) {
              return (
                <EmptyNote>
                  No pipeline on {data.defaultBranch ?? 'the default branch'}
                </EmptyNote>
              );
            }
            return (
              <>
                <div className={classes.row}>
                  <StatusChip label={p.status} tone={pipelineTone(p.status)} />
                  <Link to={p.webUrl}>
                    #{p.id} on {p.ref}
                  </Link>
                  <span>{formatDuration(p.durationSeconds)}</span>
                  {p.author && <span>by {p.author}</span>}
                  {(p.status === 'failed' || p.status === 'canceled') && (
                    <RetryPipelineButton pipelineId={p.id} onDone={reload} />
                  )}
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    title={formatTimestamp(p.createdAt)}
                  >
                    {formatRelativeTime(p.createdAt)}
                  </Typography>
                </div>
                {p.status === 'failed' && <FailedJobs pipeline={p} />}
              </>
            );
          }}
        </SignalView>
      </section>

      <section className={classes.section} aria-label="Newest image">
        <Typography variant="overline" component="h3">
          Newest image
        </Typography>
        <SignalView label="Harbor" signal={report.images}>
          {data => {
            const image = data.images[0];
            if (!image) {
              return <EmptyNote>No image in {data.repository}</EmptyNote>;
            }
            const risk = imageRisk(image.vulnerabilities);
            const name = `${data.repository}:${
              image.tags[0] ?? shortRevision(image.digest)
            }`;
            return (
              <div className={classes.row}>
                {image.url ? <Link to={image.url}>{name}</Link> : name}
                <StatusChip label={risk.label} tone={risk.tone} />
                <Typography
                  variant="caption"
                  color="textSecondary"
                  title={formatTimestamp(image.pushedAt)}
                >
                  pushed {formatRelativeTime(image.pushedAt)}
                </Typography>
              </div>
            );
          }}
        </SignalView>
      </section>
    </>
  );
}
