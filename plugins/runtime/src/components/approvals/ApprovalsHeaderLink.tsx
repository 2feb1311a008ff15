import { useRouteRef } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import { Link as RouterLink } from 'react-router-dom';
import { approvalsRouteRef } from '../../routes';

/**
 * The "Approvals" link of the Runtime page's header, to the approval requests: a contained button (its
 * own readable colours on any header) that is a link.
 */
export function ApprovalsHeaderLink() {
  const approvalsLink = useRouteRef(approvalsRouteRef);
  return (
    <Button
      component={RouterLink}
      to={approvalsLink()}
      // Material UI marks a button rendered as another component `role="button"`; this one navigates.
      role="link"
      variant="contained"
      startIcon={<AssignmentTurnedInIcon />}
    >
      Approvals
    </Button>
  );
}
