import { Grid, GridSize, Typography } from '@material-ui/core';
import { InfoCard, Link } from '@backstage/core-components';
import { EntityLinksCard } from '@backstage/plugin-catalog';
import { useEntity } from '@backstage/plugin-catalog-react';

const LINKS_DOCS =
  'https://backstage.io/docs/features/software-catalog/descriptor-format#links-optional';

/**
 * The entity's links card in a grid item. For an entity without links it says so in a plain card:
 * the catalog's own empty state shows a syntax-highlighted YAML example whose colours fall below WCAG
 * AA contrast and whose scrolling block is not keyboard reachable.
 */
export function EntityLinksGridItem(props: { md: GridSize }) {
  const { entity } = useEntity();
  return (
    <Grid item md={props.md} xs={12}>
      {entity.metadata.links?.length ? (
        <EntityLinksCard />
      ) : (
        <InfoCard title="Links">
          <Typography variant="body1">
            No links yet: add them under <code>metadata.links</code> in the
            entity's catalog file, as the{' '}
            <Link to={LINKS_DOCS} underline="always">
              descriptor format
            </Link>{' '}
            describes.
          </Typography>
        </InfoCard>
      )}
    </Grid>
  );
}
