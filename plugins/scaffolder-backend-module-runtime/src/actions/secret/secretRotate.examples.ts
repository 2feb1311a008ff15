import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:secret:rotate`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Rotate the database password of a service, its new values entered as template secrets (ui:field: Secret)',
    example: `steps:
  - id: rotate-database
    name: Rotate the database secret
    action: runtime:secret:rotate
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: \${{ parameters.service }}
      name: database
      keys:
        - username
        - password
output:
  text:
    - title: New version
      content: \${{ steps['rotate-database'].output.version }}
`,
  },
  {
    description:
      'Replace an API key and add its key id on purpose (changeKeys), in production',
    example: `steps:
  - id: rotate-api-key
    name: Rotate the API key
    action: runtime:secret:rotate
    input:
      environment: prod
      owner: group:default/search-team
      service: semantic-search
      name: openai
      keys: [apiKey, keyId]
      changeKeys: true
`,
  },
];
