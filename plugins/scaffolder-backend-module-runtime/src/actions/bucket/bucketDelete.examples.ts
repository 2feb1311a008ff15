import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:bucket:delete`. */
export const examples: TemplateExample[] = [
  {
    description:
      "Retire an empty bucket with the service's MinIO user and its stored keys",
    example: `steps:
  - id: retire-bucket
    name: Delete the bucket
    action: runtime:bucket:delete
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: \${{ parameters.service }}
      name: semantic-search-index
output:
  text:
    - title: Removed
      content: \${{ steps['retire-bucket'].output.removed }}
`,
  },
  {
    description:
      'Retire a bucket that still holds objects (deleted with it, for good) while the catalog still lists a dependent',
    example: `steps:
  - id: retire-bucket
    name: Delete the bucket and its objects
    action: runtime:bucket:delete
    input:
      environment: prod
      owner: group:default/search-team
      service: semantic-search
      name: semantic-search-scratch
      force: true
`,
  },
];
