import { InfoCard } from '@backstage/core-components';
import { RuntimeComponentsHealth } from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeEnvironmentSummary } from '../../api';
import { ComponentRow } from './ComponentRow';
import { RuntimeMapArea } from './runtimeMap';

/** One capability area with its components. */
export const CapabilityAreaCard = (props: {
  area: RuntimeMapArea;
  environments?: RuntimeEnvironmentSummary[];
  componentsHealth?: RuntimeComponentsHealth;
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
        componentsHealth={props.componentsHealth}
      />
    ))}
  </InfoCard>
);
