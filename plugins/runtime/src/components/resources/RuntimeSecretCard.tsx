import {
  StructuredMetadataTable,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { RuntimeSecretDetails } from '@runtime-portal/backstage-plugin-runtime-common';
import { METADATA_TABLE_OPTIONS, metadataRows } from './metadataRows';
import { ResourceDetailsCard } from './ResourceDetailsCard';

type Version = RuntimeSecretDetails['versions'][number];
type Reader = RuntimeSecretDetails['readers'][number];

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
}));

const list = (items: string[]) => (items.length ? items.join(', ') : '-');

const versionColumns: TableColumn<Version>[] = [
  { title: 'Version', field: 'version' },
  {
    title: 'Created',
    render: v => new Date(v.createdTime).toLocaleString(),
  },
  {
    title: 'State',
    render: v => {
      if (v.destroyed) return 'Destroyed';
      if (v.deletionTime)
        return `Deleted ${new Date(v.deletionTime).toLocaleString()}`;
      return 'Available';
    },
  },
];

const readerColumns: TableColumn<Reader>[] = [
  { title: 'Policy', field: 'policy' },
  { title: 'Role', render: r => r.role ?? '-' },
  { title: 'Service accounts', render: r => list(r.serviceAccounts) },
  { title: 'Namespaces', render: r => list(r.namespaces) },
];

function SecretDetails(props: { details: RuntimeSecretDetails }) {
  const { details } = props;
  const classes = useStyles();
  const versions = [...details.versions].sort((a, b) => b.version - a.version);
  return (
    <>
      <Alert severity="info">
        Secret values are never shown here: read them from OpenBao with a role
        that is allowed to.
      </Alert>
      <StructuredMetadataTable
        metadata={metadataRows([
          ['Mount', <code>{details.mount}</code>],
          ['Path', <code>{details.path}</code>],
          ['Current version', String(details.currentVersion)],
        ])}
        options={METADATA_TABLE_OPTIONS}
      />
      <div className={classes.section}>
        <Table<Version>
          title="Version history"
          options={{
            search: false,
            paging: false,
            toolbar: true,
            padding: 'dense',
          }}
          columns={versionColumns}
          data={versions}
          emptyContent={<Typography variant="body2">No versions.</Typography>}
        />
      </div>
      <div className={classes.section}>
        <Table<Reader>
          title="Who can read it"
          options={{
            search: false,
            paging: false,
            toolbar: true,
            padding: 'dense',
          }}
          columns={readerColumns}
          data={details.readers}
          emptyContent={
            <Typography variant="body2">
              No policy grants read on this path.
            </Typography>
          }
        />
      </div>
    </>
  );
}

/**
 * Card of an OpenBao secret: mount and path, current version, version history and who can read it
 * (policy, role, service accounts, namespaces). Values are never shown.
 */
export function RuntimeSecretCard() {
  return (
    <ResourceDetailsCard title="Secret" type="secret">
      {details => <SecretDetails details={details} />}
    </ResourceDetailsCard>
  );
}
