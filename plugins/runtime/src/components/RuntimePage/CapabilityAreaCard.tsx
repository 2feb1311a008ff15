import { InfoCard, Link } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import {
  RuntimeCapabilityArea,
  RuntimeComponentDefinition,
} from '@runtime-portal/backstage-plugin-runtime-common';

/** One capability area with its components. */
export const CapabilityAreaCard = (props: {
  area: RuntimeCapabilityArea;
  components: RuntimeComponentDefinition[];
}) => (
  <InfoCard title={props.area.title} subheader={props.area.description}>
    <List dense>
      {props.components.map(component => (
        <ListItem key={component.id}>
          <ListItemText
            primary={<Link to={component.docsUrl}>{component.title}</Link>}
            secondary={component.description}
          />
        </ListItem>
      ))}
    </List>
  </InfoCard>
);
