import { CopyTextButton } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  root: { position: 'relative', width: '100%' },
  code: {
    margin: 0,
    padding: theme.spacing(1.5, 6, 1.5, 1.5),
    overflowX: 'auto',
    fontFamily: 'monospace',
    fontSize: '0.85rem',
    color: theme.palette.text.primary,
    backgroundColor: theme.palette.background.default,
    borderRadius: theme.shape.borderRadius,
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
  copy: { position: 'absolute', top: 0, right: 0 },
}));

/**
 * A command or document to copy, in monospace with a copy button. Unlike core-components'
 * `CodeSnippet` (whose light syntax theme has string tokens below WCAG AA contrast, and whose `pre`
 * scrolls without being reachable from the keyboard), its text has the theme's text colour and its
 * `pre` is a named region in the tab order, so a keyboard user can scroll it.
 */
export function CodeBlock(props: {
  /** The code, shown as is. */
  text: string;
  /** Accessible name of the region, e.g. `Chat completions example`. */
  label: string;
}) {
  const classes = useStyles();
  return (
    <div className={classes.root}>
      <pre
        className={classes.code}
        role="region"
        aria-label={props.label}
        tabIndex={0}
      >
        <code>{props.text}</code>
      </pre>
      <div className={classes.copy}>
        <CopyTextButton text={props.text} />
      </div>
    </div>
  );
}
