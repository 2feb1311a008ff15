import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:database:delete`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Retire a database with its login role and its stored credentials',
    example: `steps:
  - id: retire-database
    name: Delete the database
    action: runtime:database:delete
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: \${{ parameters.service }}
      name: orders
output:
  text:
    - title: Removed
      content: \${{ steps['retire-database'].output.removed }}
`,
  },
  {
    description:
      'Retire a database while clients are still connected (their connections are closed) and the catalog still lists a dependent',
    example: `steps:
  - id: retire-database
    name: Delete the database, closing its connections
    action: runtime:database:delete
    input:
      environment: prod
      owner: group:default/search-team
      service: semantic-search
      name: semantic_search_scratch
      force: true
`,
  },
];
