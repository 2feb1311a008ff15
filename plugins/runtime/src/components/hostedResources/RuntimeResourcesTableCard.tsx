import { parseEntityRef } from '@backstage/catalog-model';
import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useEffect, useMemo, useState } from 'react';
import { EmptyNote } from '../shared';
import { ResourceFilterSelect } from './ResourceFilterSelect';
import {
  ResourceFilterName,
  ResourceFilters,
  resourcesScope,
} from './resourcesQuery';
import { useResourceFacets } from './useResourceFacets';
import { useResourcesPage } from './useResourcesPage';

/**
 * Props of {@link RuntimeResourcesTableCard}.
 *
 * @public
 */
export interface RuntimeResourcesTableCardProps {
  /** Rows per page (default 20). */
  pageSize?: number;
}

const teamName = (ref: string) => {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
};

const FILTERS: Array<{
  name: ResourceFilterName;
  label: string;
  format?: (value: string) => string;
}> = [
  { name: 'type', label: 'Type' },
  { name: 'team', label: 'Team', format: teamName },
  { name: 'environment', label: 'Environment' },
];

/**
 * The Resources of the page's entity as a paged table with filters by type, team and environment: on a
 * runtime component those it hosts, on any other entity those it uses. Each page is one catalog query
 * for only the shown fields, so the page stays light however many Resources there are; the count is
 * the catalog's.
 */
export function RuntimeResourcesTableCard(
  props: RuntimeResourcesTableCardProps,
) {
  const pageSize = props.pageSize ?? 20;
  const { entity } = useEntity();
  const scope = useMemo(() => resourcesScope(entity), [entity]);
  const [filters, setFilters] = useState<ResourceFilters>({});
  const page = useResourcesPage(scope, filters, pageSize);
  // The filters' options are read once the first page has answered, never before it.
  const [firstPageDone, setFirstPageDone] = useState(false);
  useEffect(() => {
    if (!page.loading) setFirstPageDone(true);
  }, [page.loading]);
  const facets = useResourceFacets(scope, firstPageDone);
  const filtered = Object.values(filters).some(Boolean);
  const total = page.value?.totalItems;

  return (
    <InfoCard
      title={scope.title}
      subheader={
        total === undefined ? undefined : (
          <span data-testid="runtime-resources-table-count">
            {`${total.toLocaleString('en-US')} ${
              total === 1 ? 'resource' : 'resources'
            }${filtered ? ' match the filters' : ''}`}
          </span>
        )
      }
    >
      <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 16 }}>
        {FILTERS.map(filter => (
          <ResourceFilterSelect
            key={filter.name}
            id={`runtime-resources-filter-${filter.name}`}
            label={filter.label}
            options={facets.value?.[filter.name] ?? []}
            value={filters[filter.name] ?? ''}
            format={filter.format}
            disabled={!facets.value}
            onChange={value =>
              setFilters(current => ({ ...current, [filter.name]: value }))
            }
          />
        ))}
      </Box>
      {facets.error && (
        <Typography variant="body2" color="error">
          {`Could not load the filters: ${facets.error.message}`}
        </Typography>
      )}
      {page.error && (
        <ResponseErrorPanel
          error={page.error}
          title={`Could not load the ${scope.title.toLocaleLowerCase('en-US')}`}
        />
      )}
      {page.loading && <LinearProgress aria-label="Loading resources" />}
      {page.value && page.value.rows.length === 0 && (
        <EmptyNote>
          {filtered ? 'No resources match the filters.' : scope.emptyText}
        </EmptyNote>
      )}
      {page.value && page.value.rows.length > 0 && (
        <>
          <Table
            size="small"
            aria-label={scope.title}
            data-testid="runtime-resources-table"
          >
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Type</TableCell>
                <TableCell>Team</TableCell>
                <TableCell>Environment</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {page.value.rows.map(row => (
                <TableRow key={row.entity.metadata.name}>
                  <TableCell>
                    <EntityRefLink entityRef={row.entity} disableTooltip>
                      {row.name}
                    </EntityRefLink>
                  </TableCell>
                  <TableCell>{row.type}</TableCell>
                  <TableCell>
                    {row.team && (
                      <EntityRefLink
                        entityRef={row.team}
                        defaultKind="group"
                        disableTooltip
                      >
                        {teamName(row.team)}
                      </EntityRefLink>
                    )}
                  </TableCell>
                  <TableCell>{row.environment}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <TablePagination
            component="div"
            count={page.value.totalItems}
            page={page.pageIndex}
            rowsPerPage={pageSize}
            rowsPerPageOptions={[]}
            onPageChange={(_event, next) =>
              next > page.pageIndex ? page.next() : page.previous()
            }
          />
        </>
      )}
    </InfoCard>
  );
}
