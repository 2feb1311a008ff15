import { InfoCard } from '@backstage/core-components';
import { RuntimeEnvironmentSummary } from '../../api';
import { ComponentRow } from './ComponentRow';
import { RuntimeMapArea } from './runtimeMap';

/** One capability area with its components. */
export const CapabilityAreaCard = (props: {
  area: RuntimeMapArea;
  environments?: RuntimeEnvironmentSummary[];
}) => (
  <InfoCard
    title={props.area.area.title}
    subheader={props.area.area.description}
  >
    {props.area.components.map(component => (
      <ComponentRow
        key={component.id}
        component={component}
        environments={props.environments}
      />
    ))}
  </InfoCard>
);
