import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:bucket:rotate-credentials`. */
export const examples: TemplateExample[] = [
  {
    description:
      "Rotate the MinIO keys of a service's bucket; the service reads the new keys from OpenBao",
    example: `steps:
  - id: rotate-bucket-keys
    name: Rotate the bucket's keys
    action: runtime:bucket:rotate-credentials
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: \${{ parameters.service }}
      name: semantic-search-data
output:
  text:
    - title: Keys in OpenBao
      content: \${{ steps['rotate-bucket-keys'].output.credentialsPath }}
`,
  },
];
