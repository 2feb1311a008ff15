import { Chip, makeStyles } from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import WarningIcon from '@material-ui/icons/Warning';
import InfoIcon from '@material-ui/icons/Info';
import HelpIcon from '@material-ui/icons/Help';
import { readableChipColors } from './readableChipColors';
import { Tone } from './tones';

// Filled chips whose text reaches WCAG AA contrast on them (Material UI's own choice does not always).
const useStyles = makeStyles(theme => ({
  ok: readableChipColors(theme.palette.success),
  info: readableChipColors(theme.palette.info),
  warning: readableChipColors(theme.palette.warning),
  error: {
    ...readableChipColors(theme.palette.error),
    fontWeight: theme.typography.fontWeightBold as number,
  },
  neutral: {},
  icon: { color: 'inherit' },
}));

const ICONS = {
  ok: CheckCircleIcon,
  info: InfoIcon,
  warning: WarningIcon,
  error: ErrorIcon,
  neutral: HelpIcon,
};

/** A small coloured chip with an icon for a status; the tone is in `data-tone` as well. */
export function StatusChip(props: {
  label: string;
  tone: Tone;
  title?: string;
}) {
  const classes = useStyles();
  const Icon = ICONS[props.tone];
  return (
    <Chip
      size="small"
      label={props.label}
      title={props.title}
      data-tone={props.tone}
      className={classes[props.tone]}
      icon={<Icon className={classes.icon} />}
    />
  );
}
