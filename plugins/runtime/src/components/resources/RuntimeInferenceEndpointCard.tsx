import {
  CopyTextButton,
  StructuredMetadataTable,
} from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { RuntimeInferenceEndpointDetails } from '@runtime-portal/backstage-plugin-runtime-common';
import { CodeBlock } from '../shared';
import { curlExamples } from './curlExamples';
import { METADATA_TABLE_OPTIONS, metadataRows } from './metadataRows';
import { ResourceDetailsCard } from './ResourceDetailsCard';

const useStyles = makeStyles(theme => ({
  url: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
  mono: { fontFamily: 'monospace', wordBreak: 'break-all' },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  example: { marginTop: theme.spacing(2) },
}));

function EndpointDetails(props: { details: RuntimeInferenceEndpointDetails }) {
  const { details } = props;
  const classes = useStyles();
  const examples = curlExamples(
    details.openaiBaseUrl,
    details.name,
    details.features,
  );
  return (
    <>
      <StructuredMetadataTable
        metadata={metadataRows([
          [
            'Model source',
            <span className={classes.mono}>{details.modelUrl}</span>,
          ],
          ['Engine', details.engine],
          [
            'Features',
            <span className={classes.chips}>
              {details.features.map(f => (
                <Chip key={f} size="small" label={f} />
              ))}
            </span>,
          ],
          [
            'Replicas',
            `${details.readyReplicas} ready of ${details.replicas} (min ${details.minReplicas}, max ${details.maxReplicas})`,
          ],
          ['Resource profile', details.resourceProfile],
          ['Namespace', details.namespace],
          ['Model name in requests', <code>{details.name}</code>],
          [
            'OpenAI base URL',
            <span className={classes.url}>
              <span className={classes.mono}>{details.openaiBaseUrl}</span>
              <CopyTextButton
                text={details.openaiBaseUrl}
                tooltipText="Base URL copied"
                aria-label="Copy the base URL"
              />
            </span>,
          ],
        ])}
        options={METADATA_TABLE_OPTIONS}
      />
      {examples.map(example => (
        <div key={example.feature} className={classes.example}>
          <Typography variant="subtitle2">
            {example.feature}: POST {example.path}
          </Typography>
          <CodeBlock
            text={example.command}
            label={`${example.feature} example`}
          />
        </div>
      ))}
    </>
  );
}

/**
 * Card of a KubeAI inference endpoint: model source, engine, features, replicas, resource profile, the
 * OpenAI-compatible base URL with a copy button and a curl example per feature.
 */
export function RuntimeInferenceEndpointCard() {
  return (
    <ResourceDetailsCard title="Inference endpoint" type="inference-endpoint">
      {details => <EndpointDetails details={details} />}
    </ResourceDetailsCard>
  );
}
