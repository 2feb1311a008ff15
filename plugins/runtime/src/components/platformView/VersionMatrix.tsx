import { useState } from 'react';
import { TableColumn } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CompactTable } from '../shared';
import { InstallationChip } from '../resources/InstallationChip';
import { VersionText } from '../versions';
import {
  VersionMatrixCell,
  VersionMatrixRow,
  versionMatrixRows,
} from './versionMatrixRows';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  cell: { display: 'inline-flex', alignItems: 'center', gap: theme.spacing(1) },
}));

function Cell(props: { cell: VersionMatrixCell }) {
  const classes = useStyles();
  const { status, driftFrom } = props.cell;
  if (status.state === 'not-installed' || status.state === 'unknown') {
    return <InstallationChip status={status} />;
  }
  return (
    <span className={classes.cell}>
      <VersionText version={status.version} driftFrom={driftFrom} />
      {status.state === 'not-ready' && <InstallationChip status={status} />}
    </span>
  );
}

const driftSummary = (drifting: number, total: number) =>
  drifting === 0
    ? `All ${total} components run the same version in every environment they are installed in.`
    : `${drifting} of ${total} components run different versions in different environments.`;

/**
 * The runtime components × environments matrix of installed versions; a version that differs from
 * the other environments' is highlighted (bold, with a "Drift" chip). Built from the catalog entities
 * the caller already has (their installation annotations), so it costs no request.
 */
export function VersionMatrix(props: {
  entities: Entity[];
  environments: string[];
}) {
  const { entities, environments } = props;
  const classes = useStyles();
  const [onlyDrift, setOnlyDrift] = useState(false);
  const rows = versionMatrixRows(entities, environments);
  const drifting = rows.filter(r => r.drift).length;
  const columns: TableColumn<VersionMatrixRow>[] = [
    {
      title: 'Component',
      render: row => <EntityRefLink entityRef={row.entity} title={row.title} />,
    },
    ...environments.map(
      (environment, index): TableColumn<VersionMatrixRow> => ({
        title: environment,
        render: row => <Cell cell={row.cells[index]} />,
      }),
    ),
  ];
  return (
    <>
      <div className={classes.toolbar}>
        <Typography variant="body2">
          {driftSummary(drifting, rows.length)}
        </Typography>
        <FormControlLabel
          control={
            <Switch
              checked={onlyDrift}
              onChange={event => setOnlyDrift(event.target.checked)}
              color="primary"
            />
          }
          label="Only components with drift"
        />
      </div>
      <CompactTable
        label="Versions per environment"
        columns={columns}
        rows={onlyDrift ? rows.filter(r => r.drift) : rows}
        emptyText={
          onlyDrift
            ? 'No component runs different versions in different environments.'
            : 'The catalog has no runtime components yet.'
        }
      />
    </>
  );
}
