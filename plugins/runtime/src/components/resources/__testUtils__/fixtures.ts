import {
  RuntimeBucketDetails,
  RuntimeInferenceEndpointDetails,
  RuntimeSecretDetails,
  RuntimeWorkflowDetails,
} from '@runtime-portal/backstage-plugin-runtime-common';

/** Live details the card tests answer with. */
export const endpointDetails: RuntimeInferenceEndpointDetails = {
  type: 'inference-endpoint',
  environment: 'dev',
  namespace: 'team-a',
  name: 'llama-3-8b',
  modelUrl: 'hf://meta-llama/Meta-Llama-3-8B-Instruct',
  engine: 'VLLM',
  features: ['TextGeneration'],
  resourceProfile: 'nvidia-gpu-l4:1',
  minReplicas: 1,
  maxReplicas: 3,
  replicas: 2,
  readyReplicas: 1,
  openaiBaseUrl: 'http://kubeai.kubeai.svc/openai/v1',
};

/** A bucket with a policy and a lifecycle rule. */
export const bucketDetails: RuntimeBucketDetails = {
  type: 'bucket',
  environment: 'dev',
  name: 'recordings',
  endpoint: 'http://minio.minio.svc:9000',
  versioning: 'Enabled',
  expirationDays: 30,
  policy: JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'] }],
    },
    null,
    2,
  ),
  tags: { owner: 'team-a', service: 'transcriber' },
};

/** A secret with two versions, one deleted, and one reader. */
export const secretDetails: RuntimeSecretDetails = {
  type: 'secret',
  environment: 'dev',
  mount: 'secret',
  path: 'semantic-search/database',
  currentVersion: 2,
  versions: [
    {
      version: 1,
      createdTime: '2026-11-01T10:00:00.000Z',
      deletionTime: '2026-11-02T10:00:00.000Z',
      destroyed: false,
    },
    { version: 2, createdTime: '2026-11-03T10:00:00.000Z', destroyed: false },
  ],
  readers: [
    {
      policy: 'semantic-search-read',
      role: 'semantic-search',
      serviceAccounts: ['semantic-search'],
      namespaces: ['team-a'],
    },
  ],
};

/** An Argo Events workflow with a webhook trigger and an HTTP action. */
export const workflowDetails: RuntimeWorkflowDetails = {
  type: 'workflow',
  environment: 'dev',
  engine: 'argo-events',
  name: 'transcribe-recordings',
  namespace: 'team-a',
  triggers: [{ kind: 'webhook', description: 'webhook POST /recordings' }],
  actions: [
    { kind: 'http', description: 'http POST http://transcriber.team-a/jobs' },
  ],
  conditions: [
    { type: 'Deployed', status: 'True' },
    { type: 'DependenciesProvided', status: 'False', message: 'no event bus' },
  ],
};
