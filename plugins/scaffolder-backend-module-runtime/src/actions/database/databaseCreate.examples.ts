import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:database:create`. */
export const examples: TemplateExample[] = [
  {
    description:
      "Create a database for a service, its credentials readable by the service's Kubernetes service account",
    example: `steps:
  - id: database
    name: Create the database
    action: runtime:database:create
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: \${{ parameters.service }}
      name: orders
      namespace: team-search
output:
  links:
    - title: Database in the catalog
      entityRef: \${{ steps.database.output.entityRef }}
  text:
    - title: Credentials
      content: 'In OpenBao at \${{ steps.database.output.credentialsPath }}, read through role \${{ steps.database.output.roleName }}'
`,
  },
  {
    description:
      'Create a scratch database that is retired after 7 days, its credentials kept in OpenBao only',
    example: `steps:
  - id: scratch
    name: Create a scratch database
    action: runtime:database:create
    input:
      environment: dev
      owner: group:default/search-team
      service: semantic-search
      name: semantic_search_scratch
      expiresAfter: 7d
`,
  },
];
