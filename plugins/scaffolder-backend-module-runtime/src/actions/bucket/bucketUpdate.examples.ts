import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:bucket:update`. */
export const examples: TemplateExample[] = [
  {
    description: "Expire a service bucket's objects after 90 days",
    example: `steps:
  - id: bucket-expiry
    name: Set the bucket's expiry
    action: runtime:bucket:update
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: \${{ parameters.service }}
      name: semantic-search-data
      expirationDays: 90
`,
  },
  {
    description:
      'Suspend versioning and remove the expiry (keep objects), then list what changed',
    example: `steps:
  - id: bucket-settings
    name: Change the bucket's settings
    action: runtime:bucket:update
    input:
      environment: prod
      owner: group:default/search-team
      service: semantic-search
      name: semantic-search-data
      versioning: false
      expirationDays: null
output:
  text:
    - title: Changes
      content: \${{ steps['bucket-settings'].output.changes | join(', ') }}
`,
  },
];
