import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:secret:delete`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Retire a service secret with its read policy and Kubernetes auth role',
    example: `steps:
  - id: retire-secret
    name: Delete the database secret
    action: runtime:secret:delete
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: \${{ parameters.service }}
      name: database
output:
  text:
    - title: Removed
      content: \${{ steps['retire-secret'].output.removed }}
`,
  },
  {
    description:
      'Retire a secret that the service still depends on in the catalog (force)',
    example: `steps:
  - id: retire-secret
    name: Delete the API key secret
    action: runtime:secret:delete
    input:
      environment: prod
      owner: group:default/search-team
      service: semantic-search
      name: openai
      force: true
`,
  },
];
