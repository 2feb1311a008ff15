import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:workflow:create`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Reindex when an object lands in a bucket (MinIO event → HTTP call)',
    example: `steps:
  - id: workflow
    name: Create the reindex workflow
    action: runtime:workflow:create
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: semantic-search
      name: reindex-on-upload
      engine: argo-events
      argoEvents:
        namespace: team-search
        source:
          type: minio
          bucket: semantic-search-index
          events: ['s3:ObjectCreated:*']
          credentialsSecret: minio-events
        trigger:
          type: http
          url: http://semantic-search.team-search.svc:8080/reindex
`,
  },
  {
    description:
      'A webhook that calls a service; the step outputs the webhook URL other services of the cluster call',
    example: `steps:
  - id: webhook
    name: Create the upload webhook
    action: runtime:workflow:create
    input:
      environment: dev
      owner: group:default/search-team
      service: semantic-search
      name: on-upload
      engine: argo-events
      argoEvents:
        namespace: team-search
        source: { type: webhook, endpoint: /uploaded, port: 12000 }
        trigger: { type: http, url: 'http://semantic-search.team-search.svc:8080/reindex' }
output:
  text:
    - title: Webhook (in cluster)
      content: \${{ steps.webhook.output.webhookUrl }}
`,
  },
  {
    description: 'A nightly schedule that calls a service',
    example: `steps:
  - id: nightly
    name: Create the nightly job
    action: runtime:workflow:create
    input:
      environment: dev
      owner: group:default/search-team
      service: semantic-search
      name: nightly-compaction
      engine: argo-events
      argoEvents:
        namespace: team-search
        source: { type: calendar, schedule: '0 3 * * *' }
        trigger: { type: http, url: 'http://semantic-search.team-search.svc:8080/compact' }
`,
  },
  {
    description:
      "A nightly Argo Workflow in the team's namespace, run as the team's service account",
    example: `steps:
  - id: nightly-train
    name: Create the nightly training run
    action: runtime:workflow:create
    input:
      environment: dev
      owner: group:default/search-team
      service: semantic-search
      name: nightly-train
      engine: argo-events
      argoEvents:
        namespace: team-search
        source: { type: calendar, schedule: '0 2 * * *' }
        trigger:
          type: k8s
          serviceAccountName: workflow-runner
          resource:
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: { generateName: nightly-train- }
            spec:
              serviceAccountName: trainer
              entrypoint: train
              templates:
                - name: train
                  container: { image: 'registry.example.com/search/trainer:1.4.0' }
`,
  },
  {
    description: 'A Temporal namespace keeping closed workflows for 7 days',
    example: `steps:
  - id: temporal
    name: Create the Temporal namespace
    action: runtime:workflow:create
    input:
      environment: dev
      owner: group:default/search-team
      service: semantic-search
      name: semantic-search
      engine: temporal
      temporal:
        retentionDays: 7
`,
  },
];
