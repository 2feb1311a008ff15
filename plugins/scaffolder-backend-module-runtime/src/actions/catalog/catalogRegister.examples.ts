import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:catalog:register`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Register the catalog-info.yaml of the repository publish:gitlab just created',
    example: `steps:
  - id: register
    name: Register in the catalog
    action: runtime:catalog:register
    input:
      repoContentsUrl: \${{ steps.publish.output.repoContentsUrl }}
      catalogInfoPath: /catalog-info.yaml
`,
  },
  {
    description:
      'Register a catalog-info file by its URL on the platform GitLab',
    example: `steps:
  - id: register
    name: Register in the catalog
    action: runtime:catalog:register
    input:
      catalogInfoUrl: https://gitlab.example.com/search-team/handbook-qa/-/blob/main/catalog-info.yaml
`,
  },
];
