import {
  Entity,
  EntityRelation,
  parseEntityRef,
} from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLinks, useEntity } from '@backstage/plugin-catalog-react';
import { Link, List, ListItem, ListItemText } from '@material-ui/core';

/** How many related entities of one relation type the card names before it says "and N more". */
const MAX_LINKS = 12;

/** The id of the resources table's grid item, which the card's Resource counts link to. */
export const RESOURCES_TABLE_ANCHOR = 'runtime-resources';

interface RelationGroup {
  type: string;
  refs: string[];
  /** How many of the relations of this type point at Resources (not listed, only counted). */
  resources: number;
}

/** "dependencyOf" → "dependency of". */
const relationLabel = (type: string) =>
  type.replace(/([a-z])([A-Z])/g, '$1 $2').toLocaleLowerCase('en-US');

const count = (n: number) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? 'resource' : 'resources'}`;

/** The entity's relations by type, with the Resources of each type counted instead of listed. */
function groupRelations(relations: EntityRelation[]): RelationGroup[] {
  const groups = new Map<string, RelationGroup>();
  for (const { type, targetRef } of relations) {
    const group = groups.get(type) ?? { type, refs: [], resources: 0 };
    groups.set(type, group);
    if (
      parseEntityRef(targetRef).kind.toLocaleLowerCase('en-US') === 'resource'
    ) {
      group.resources++;
    } else {
      group.refs.push(targetRef);
    }
  }
  return [...groups.values()].sort((a, b) => a.type.localeCompare(b.type));
}

function RelationGroupItem({ group }: { group: RelationGroup }) {
  const shown = group.refs.slice(0, MAX_LINKS);
  const more = group.refs.length - shown.length;
  return (
    <ListItem disableGutters data-testid="entity-relation">
      <ListItemText
        primary={relationLabel(group.type)}
        secondaryTypographyProps={{ component: 'div' }}
        secondary={
          <>
            {shown.length > 0 && (
              <EntityRefLinks entityRefs={shown} defaultKind="component" />
            )}
            {more > 0 && ` and ${more.toLocaleString('en-US')} more`}
            {group.resources > 0 && (
              <>
                {shown.length > 0 && ', '}
                <Link href={`#${RESOURCES_TABLE_ANCHOR}`}>
                  {count(group.resources)}
                </Link>
              </>
            )}
          </>
        }
      />
    </ListItem>
  );
}

/**
 * The Relations card of a page whose entity can relate to thousands of Resources (a runtime component,
 * a service): its relations by type, read from the entity the page already loaded, so nothing is fetched
 * again (the catalog graph reads the entity and each neighbour whole, relations included). Related
 * entities other than Resources are named; Resources are counted, linking to the resources table.
 */
export function EntityRelationsCard() {
  const { entity } = useEntity();
  const groups = groupRelations((entity as Entity).relations ?? []);
  return (
    <InfoCard title="Relations">
      {groups.length === 0 ? (
        'This entity has no relations.'
      ) : (
        <List dense aria-label="Relations" data-testid="entity-relations">
          {groups.map(group => (
            <RelationGroupItem key={group.type} group={group} />
          ))}
        </List>
      )}
    </InfoCard>
  );
}
