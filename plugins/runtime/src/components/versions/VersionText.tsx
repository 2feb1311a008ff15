import { makeStyles } from '@material-ui/core/styles';
import { StatusChip } from '../shared';

const useStyles = makeStyles(theme => ({
  root: { display: 'inline-flex', alignItems: 'center', gap: theme.spacing(1) },
  drift: { fontWeight: theme.typography.fontWeightBold as number },
}));

/**
 * An installed version, highlighted when it drifts: in bold with a "Drift" chip (warning tone, its
 * label says it as well as its colour) whose tooltip names the other environments' versions.
 */
export function VersionText(props: {
  version?: string;
  /** The other environments' versions when this one differs from them. */
  driftFrom?: string;
}) {
  const classes = useStyles();
  const { version, driftFrom } = props;
  if (!version) return <>-</>;
  if (driftFrom === undefined) return <>{version}</>;
  return (
    <span className={classes.root} data-drift="true">
      <span className={classes.drift}>{version}</span>
      <StatusChip
        label="Drift"
        tone="warning"
        title={driftFrom ? `Differs from ${driftFrom}` : 'Differs'}
      />
    </span>
  );
}
