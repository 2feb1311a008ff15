import {
  CopyTextButton,
  Link,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import { RuntimeDatabaseDetails } from '@runtime-portal/backstage-plugin-runtime-common';
import { byteSize } from './byteSize';
import { METADATA_TABLE_OPTIONS, metadataRows } from './metadataRows';
import { ResourceDetailsCard } from './ResourceDetailsCard';

const useStyles = makeStyles(theme => ({
  mono: { fontFamily: 'monospace', wordBreak: 'break-all' },
  row: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
}));

function DatabaseDetails(props: { details: RuntimeDatabaseDetails }) {
  const { details } = props;
  const classes = useStyles();
  const address = `${details.host}:${details.port}/${details.name}`;
  return (
    <StructuredMetadataTable
      metadata={metadataRows([
        ['Database', <code>{details.name}</code>],
        [
          'Server',
          <span className={classes.row}>
            <span className={classes.mono}>{address}</span>
            <CopyTextButton
              text={address}
              tooltipText="Address copied"
              aria-label="Copy the address"
            />
          </span>,
        ],
        [
          'Owner',
          details.owner &&
            `${details.owner}${
              details.service ? `, for ${details.service}` : ''
            }`,
        ],
        ['Login role', <code>{details.role}</code>],
        [
          'Size',
          details.sizeBytes === undefined
            ? 'Not readable by the portal'
            : byteSize(details.sizeBytes),
        ],
        [
          'Connections',
          `${details.connections} open connection${
            details.connections === 1 ? '' : 's'
          }`,
        ],
        [
          'Credentials',
          details.credentialsPath && (
            <>
              In OpenBao at{' '}
              <code className={classes.mono}>{details.credentialsPath}</code>{' '}
              (username, password, host, port, database)
            </>
          ),
        ],
        [
          'PgAdmin',
          details.pgAdminUrl && (
            <Link to={details.pgAdminUrl}>Open PgAdmin</Link>
          ),
        ],
      ])}
      options={METADATA_TABLE_OPTIONS}
    />
  );
}

/**
 * Card of a PostgreSQL database: its server address, owner, login role, size, connections, where its
 * credentials are and, when the environment has one, a link to PgAdmin. Never a password.
 */
export function RuntimeDatabaseCard() {
  return (
    <ResourceDetailsCard title="Database" type="database">
      {details => <DatabaseDetails details={details} />}
    </ResourceDetailsCard>
  );
}
