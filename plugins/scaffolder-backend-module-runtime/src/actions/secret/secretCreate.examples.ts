import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:secret:create`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Store database credentials entered as template secrets (ui:field: Secret) for a service',
    example: `steps:
  - id: database-secret
    name: Create the database secret
    action: runtime:secret:create
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: \${{ parameters.service }}
      name: database
      keys:
        - username
        - password
      namespace: team-search
`,
  },
  {
    description:
      'Store an API key readable by a specific service account, then show where it lives',
    example: `steps:
  - id: api-key
    name: Create the API key secret
    action: runtime:secret:create
    input:
      environment: prod
      owner: group:default/search-team
      service: semantic-search
      name: openai
      keys: [apiKey]
      namespace: team-search
      serviceAccount: semantic-search-worker
output:
  text:
    - title: Secret path
      content: \${{ steps['api-key'].output.path }}
`,
  },
];
