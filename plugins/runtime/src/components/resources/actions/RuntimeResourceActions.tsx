import { makeStyles } from '@material-ui/core/styles';
import { LinkButton } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { createFromTemplateRouteRef } from '../../../routes';
import { ResourceAction, resourceActions } from './resourceActions';
import { runtimeResourceIdentity } from './resourceIdentity';

const useStyles = makeStyles(theme => ({
  row: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) },
}));

/** One change as a link to its template with the form pre-filled; hidden without its permission. */
function ResourceActionLink(props: { action: ResourceAction; to: string }) {
  const { action, to } = props;
  const { allowed } = usePermission({ permission: action.permission });
  if (!allowed) return null;
  return (
    // It navigates, so it is a link (a Material button on an anchor would announce itself as a button).
    <LinkButton
      to={to}
      role="link"
      size="small"
      variant="outlined"
      title={action.description}
    >
      {action.label}
    </LinkButton>
  );
}

/**
 * The changes of the current live Runtime resource (Scale, Update, Rotate, Rotate credentials, Extend
 * when it expires, Retire, as its type has them), each a link to its day-2 template pre-filled with the resource's identity through
 * the scaffolder's `formData` query parameter. Nothing when the scaffolder's route is not bound or the
 * entity is not a runtime resource; each link is hidden from users without its permission.
 */
export function RuntimeResourceActions() {
  const classes = useStyles();
  const { entity } = useEntity();
  const templateRoute = useRouteRef(createFromTemplateRouteRef);
  const identity = runtimeResourceIdentity(entity);
  if (!templateRoute || !identity) return null;
  const actions = resourceActions(identity, entity.metadata.annotations);
  return (
    <div role="group" aria-label="Change this resource" className={classes.row}>
      {actions.map(action => (
        <ResourceActionLink
          key={action.label}
          action={action}
          to={`${templateRoute({
            namespace: 'default',
            templateName: action.templateName,
          })}?formData=${encodeURIComponent(JSON.stringify(action.formData))}`}
        />
      ))}
    </div>
  );
}
