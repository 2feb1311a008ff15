import { CodeSnippet, CopyTextButton } from '@backstage/core-components';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { RuntimeBucketDetails } from '@runtime-portal/backstage-plugin-runtime-common';
import { Facts } from './Facts';
import { ResourceDetailsCard } from './ResourceDetailsCard';

const useStyles = makeStyles(theme => ({
  mono: { fontFamily: 'monospace', wordBreak: 'break-all' },
  row: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  policy: { marginTop: theme.spacing(2) },
  code: { width: '100%' },
}));

function BucketDetails(props: { details: RuntimeBucketDetails }) {
  const { details } = props;
  const classes = useStyles();
  const tags = Object.entries(details.tags);
  return (
    <>
      <Facts
        rows={[
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
        ]}
      />
      {details.policy ? (
        <Accordion className={classes.policy}>
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Typography variant="subtitle2">Bucket policy</Typography>
          </AccordionSummary>
          <AccordionDetails>
            <div className={classes.code}>
              <CodeSnippet
                text={details.policy}
                language="json"
                showCopyCodeButton
              />
            </div>
          </AccordionDetails>
        </Accordion>
      ) : (
        <Typography variant="body2" className={classes.policy}>
          No bucket policy: only credentials with access to the bucket can use
          it.
        </Typography>
      )}
    </>
  );
}

/** Card of an S3 bucket: endpoint, versioning, lifecycle expiry, tags and its policy (collapsed). */
export function RuntimeBucketCard() {
  return (
    <ResourceDetailsCard title="Bucket" type="bucket">
      {details => <BucketDetails details={details} />}
    </ResourceDetailsCard>
  );
}
