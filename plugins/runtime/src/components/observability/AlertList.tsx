import { List, ListItem, ListItemIcon, ListItemText } from '@material-ui/core';
import { Link } from '@backstage/core-components';
import { RuntimeFiringAlert } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  EmptyNote,
  formatRelativeTime,
  formatTimestamp,
  severityTone,
  StatusChip,
} from '../shared';

/** A compact list of firing alerts: severity, name, summary and since when. */
export function AlertList(props: { alerts: RuntimeFiringAlert[] }) {
  if (props.alerts.length === 0) return <EmptyNote>No firing alerts</EmptyNote>;
  return (
    <List dense disablePadding>
      {props.alerts.map(alert => (
        <ListItem key={`${alert.name}-${alert.startsAt}`} disableGutters>
          <ListItemIcon>
            <StatusChip
              label={alert.severity}
              tone={severityTone(alert.severity)}
            />
          </ListItemIcon>
          <ListItemText
            primary={
              alert.url ? <Link to={alert.url}>{alert.name}</Link> : alert.name
            }
            secondary={
              <>
                {alert.summary ? `${alert.summary} · ` : ''}
                <span title={formatTimestamp(alert.startsAt)}>
                  since {formatRelativeTime(alert.startsAt)}
                </span>
                {alert.state === 'suppressed' ? ' · silenced' : ''}
              </>
            }
          />
        </ListItem>
      ))}
    </List>
  );
}
