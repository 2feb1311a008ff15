import { useMemo, useState } from 'react';
import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import SearchIcon from '@material-ui/icons/Search';
import { ApprovalsHeaderLink } from '../approvals/ApprovalsHeaderLink';
import { CapabilityAreaCard } from './CapabilityAreaCard';
import {
  RuntimeComponentAlertsCard,
  RuntimeVersionMatrixCard,
} from '../platformView';
import { EnvironmentsBar } from './EnvironmentsBar';
import { buildRuntimeMap, filterRuntimeMap } from './runtimeMap';
import { useRuntimeComponentEntities } from './useRuntimeComponentEntities';
import { useHostedResourceCounts } from './useHostedResourceCounts';
import {
  useRuntimeComponentsHealth,
  useRuntimeEnvironments,
} from './useRuntimeEnvironments';

/** Why the catalog part of the map is missing, when it is. */
function CatalogState(props: {
  loading: boolean;
  error?: Error;
  empty: boolean;
}) {
  if (props.loading) return <Progress />;
  if (props.error) {
    return (
      <ResponseErrorPanel
        error={props.error}
        title="Could not read the runtime components from the catalog"
      />
    );
  }
  if (props.empty) {
    return (
      <WarningPanel
        severity="info"
        title="The catalog has no runtime components yet"
        message="The Runtime catalog module adds one Component of type runtime-component per platform component; the map below shows the platform model without status until it has run."
      />
    );
  }
  return null;
}

/**
 * The Runtime page's content without its page header: the new frontend system's page (`/alpha`) puts it
 * under the app's own header for the page.
 */
export const RuntimePageContent = () => {
  const [search, setSearch] = useState('');
  const health = useRuntimeEnvironments();
  const componentsHealth = useRuntimeComponentsHealth();
  const catalog = useRuntimeComponentEntities();
  const resourceCounts = useHostedResourceCounts();
  const map = useMemo(
    () => buildRuntimeMap(catalog.value ?? [], resourceCounts.value),
    [catalog.value, resourceCounts.value],
  );
  const shown = filterRuntimeMap(map, search);

  return (
    <Content>
      <EnvironmentsBar
        value={health.value}
        loading={health.loading}
        error={health.error}
      />
      <Box marginBottom={3}>
        <RuntimeComponentAlertsCard />
      </Box>
      <ContentHeader title="Capability areas">
        <TextField
          placeholder="Search components and areas"
          value={search}
          onChange={event => setSearch(event.target.value)}
          inputProps={{ 'aria-label': 'Search components and areas' }}
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon />
              </InputAdornment>
            ),
          }}
        />
      </ContentHeader>
      <CatalogState
        loading={catalog.loading}
        error={catalog.error}
        empty={
          !catalog.loading && !catalog.error && catalog.value?.length === 0
        }
      />
      {shown.length === 0 ? (
        <Typography variant="body1">
          No capability area or component matches “{search.trim()}”.
        </Typography>
      ) : (
        <Grid container spacing={3}>
          {shown.map(area => (
            <Grid item xs={12} md={6} lg={4} key={area.area.id}>
              <CapabilityAreaCard
                area={area}
                environments={health.value?.environments}
                componentsHealth={componentsHealth.value}
              />
            </Grid>
          ))}
        </Grid>
      )}
      {catalog.value && catalog.value.length > 0 && (
        <Box marginTop={3}>
          <RuntimeVersionMatrixCard
            entities={catalog.value}
            // Until the backend answers, the environments the annotations name (no second request).
            environments={health.value?.environments.map(e => e.name) ?? []}
          />
        </Box>
      )}
    </Content>
  );
};

/**
 * The Runtime page: the runtime components' firing alerts across environments, the platform's seven
 * capability areas with their components, each with its status per environment, catalog and docs
 * links and the live resources it hosts (searchable by name), and the components' versions across
 * environments with drift highlighted.
 */
export const RuntimePage = () => (
  <Page themeId="tool">
    <Header
      title="Runtime"
      subtitle="The platform's base layer: what it offers, by capability area"
    >
      <ApprovalsHeaderLink />
    </Header>
    <RuntimePageContent />
  </Page>
);
