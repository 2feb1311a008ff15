import { Chip, makeStyles } from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import WarningIcon from '@material-ui/icons/Warning';
import InfoIcon from '@material-ui/icons/Info';
import HelpIcon from '@material-ui/icons/Help';
import { Tone } from './tones';

const useStyles = makeStyles(theme => ({
  ok: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  info: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  warning: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  error: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
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
