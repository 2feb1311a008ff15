import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:bucket:create`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Create a versioned bucket for a service, with a MinIO user for it whose keys go to OpenBao',
    example: `steps:
  - id: bucket
    name: Create the bucket
    action: runtime:bucket:create
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: \${{ parameters.service }}
      name: \${{ parameters.service }}-data
output:
  text:
    - title: Bucket keys
      content: 'In OpenBao at \${{ steps.bucket.output.credentialsPath }}'
`,
  },
  {
    description:
      'Create a scratch bucket whose objects expire after 7 days, without versioning',
    example: `steps:
  - id: scratch
    name: Create a scratch bucket
    action: runtime:bucket:create
    input:
      environment: dev
      owner: group:default/search-team
      service: semantic-search
      name: semantic-search-scratch
      versioning: false
      expirationDays: 7
      credentials: false
output:
  links:
    - title: Bucket in the catalog
      entityRef: \${{ steps.scratch.output.entityRef }}
`,
  },
];
