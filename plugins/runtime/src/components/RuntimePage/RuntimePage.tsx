import { Content, Header, Page } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import {
  RUNTIME_CAPABILITY_AREAS,
  RUNTIME_COMPONENTS,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { CapabilityAreaCard } from './CapabilityAreaCard';
import { EnvironmentsBar } from './EnvironmentsBar';

/** The Runtime page: the capability areas of the platform and its environments. */
export const RuntimePage = () => (
  <Page themeId="tool">
    <Header
      title="Runtime"
      subtitle="The platform's base layer: what it offers, by capability area"
    />
    <Content>
      <EnvironmentsBar />
      <Grid container spacing={3}>
        {RUNTIME_CAPABILITY_AREAS.map(area => (
          <Grid item xs={12} md={6} lg={4} key={area.id}>
            <CapabilityAreaCard
              area={area}
              components={RUNTIME_COMPONENTS.filter(c => c.area === area.id)}
            />
          </Grid>
        ))}
      </Grid>
    </Content>
  </Page>
);
