import { Box, Grid, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { InfoCard, Progress } from '@backstage/core-components';
import { useRuntimeDelivery } from '../../hooks/useRuntimeReports';
import { buildDeliveryTimeline } from '../delivery';
import { EmptyNote, ReportError, SignalView } from '../shared';
import {
  DeploymentsTable,
  ImagesTable,
  PipelinesTable,
  TimelineTable,
} from './DeliveryTables';

/**
 * The Delivery tab: a timeline joining commits, pipelines, images and deployments, and tables of
 * pipelines, images and deployments per environment; each shows why when its upstream is missing.
 */
export function RuntimeDeliveryContent() {
  const { value, error } = useRuntimeDelivery();
  if (error) return <ReportError error={error} what="delivery" />;
  if (!value) return <Progress />;

  const missing = [
    value.pipelines.status !== 'ok' && 'pipelines',
    value.images.status !== 'ok' && 'images',
    value.deployments.some(d => d.status !== 'ok') && 'some deployments',
  ].filter(Boolean);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Timeline">
          {missing.length > 0 && (
            <Box mb={1}>
              <Alert severity="info">
                The timeline leaves out {missing.join(', ')}; see below why.
              </Alert>
            </Box>
          )}
          <TimelineTable entries={buildDeliveryTimeline(value)} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Deployments">
          {value.deployments.length === 0 && (
            <EmptyNote>
              No environment deploys this entity with Argo CD.
            </EmptyNote>
          )}
          {value.deployments.map(env => (
            <Box key={env.environment} mb={2}>
              <Typography variant="subtitle1">{env.environment}</Typography>
              <SignalView label="Argo CD" signal={env}>
                {deployments => (
                  <DeploymentsTable
                    environment={env.environment}
                    deployments={deployments}
                  />
                )}
              </SignalView>
            </Box>
          ))}
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <InfoCard title="Pipelines" subheader={value.pipelines.data?.project}>
          <SignalView label="GitLab" signal={value.pipelines}>
            {data => <PipelinesTable pipelines={data.pipelines} />}
          </SignalView>
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <InfoCard title="Images" subheader={value.images.data?.repository}>
          <SignalView label="Harbor" signal={value.images}>
            {data => <ImagesTable images={data.images} />}
          </SignalView>
        </InfoCard>
      </Grid>
    </Grid>
  );
}
