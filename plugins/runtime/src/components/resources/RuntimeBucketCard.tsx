import {
  CopyTextButton,
  StructuredMetadataTable,
} from '@backstage/core-components';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  RuntimeBucketAccess,
  RuntimeBucketDetails,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { CodeBlock } from '../shared';
import { METADATA_TABLE_OPTIONS, metadataRows } from './metadataRows';
import { ResourceDetailsCard } from './ResourceDetailsCard';

const useStyles = makeStyles(theme => ({
  mono: { fontFamily: 'monospace', wordBreak: 'break-all' },
  row: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  policy: { marginTop: theme.spacing(2) },
  code: { width: '100%' },
}));

/** One line on the service's MinIO user for the bucket: who it is, whether it exists, where its keys are. */
function ServiceAccess(props: { access: RuntimeBucketAccess }) {
  const { access } = props;
  const classes = useStyles();
  if (access.userStatus === 'missing') {
    return (
      <>
        No MinIO user of {access.service} for this bucket (the bucket template
        creates one when asked)
      </>
    );
  }
  if (access.userStatus === 'unknown') {
    return <>Could not read the MinIO user: {access.message}</>;
  }
  return (
    <>
      MinIO user <code className={classes.mono}>{access.accessKey}</code> of{' '}
      {access.service} ({access.userStatus}), policy{' '}
      <code className={classes.mono}>{access.policyName}</code>; its keys are in
      OpenBao at <code className={classes.mono}>{access.credentialsPath}</code>
    </>
  );
}

/** A JSON policy document, collapsed under its title. */
function PolicyDocument(props: { title: string; text: string }) {
  const classes = useStyles();
  return (
    <Accordion className={classes.policy}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="subtitle2">{props.title}</Typography>
      </AccordionSummary>
      <AccordionDetails>
        <div className={classes.code}>
          <CodeBlock text={props.text} label={props.title} />
        </div>
      </AccordionDetails>
    </Accordion>
  );
}

function BucketDetails(props: { details: RuntimeBucketDetails }) {
  const { details } = props;
  const classes = useStyles();
  const tags = Object.entries(details.tags);
  return (
    <>
      <StructuredMetadataTable
        metadata={metadataRows([
          ['Bucket', <code>{details.name}</code>],
          [
            'Endpoint',
            <span className={classes.row}>
              <span className={classes.mono}>{details.endpoint}</span>
              <CopyTextButton
                text={details.endpoint}
                tooltipText="Endpoint copied"
                aria-label="Copy the endpoint"
              />
            </span>,
          ],
          ['Versioning', details.versioning],
          [
            'Lifecycle',
            details.expirationDays === undefined
              ? 'Objects never expire'
              : `Objects expire after ${details.expirationDays} days`,
          ],
          [
            'Tags',
            tags.length ? (
              <span className={classes.chips}>
                {tags.map(([key, value]) => (
                  <Chip key={key} size="small" label={`${key}=${value}`} />
                ))}
              </span>
            ) : (
              'None'
            ),
          ],
          [
            'Service access',
            details.access && <ServiceAccess access={details.access} />,
          ],
        ])}
        options={METADATA_TABLE_OPTIONS}
      />
      {details.access?.policy && (
        <PolicyDocument
          title="MinIO policy of the service's user"
          text={details.access.policy}
        />
      )}
      {details.policy ? (
        <PolicyDocument title="Bucket policy" text={details.policy} />
      ) : (
        <Typography variant="body2" className={classes.policy}>
          No bucket policy: anonymous requests are refused, and users reach the
          bucket through their own MinIO policies.
        </Typography>
      )}
    </>
  );
}

/**
 * Card of an S3 bucket: endpoint, versioning, lifecycle expiry, tags, the service's MinIO user and
 * the policies (collapsed). Never a key.
 */
export function RuntimeBucketCard() {
  return (
    <ResourceDetailsCard title="Bucket" type="bucket">
      {details => <BucketDetails details={details} />}
    </ResourceDetailsCard>
  );
}
