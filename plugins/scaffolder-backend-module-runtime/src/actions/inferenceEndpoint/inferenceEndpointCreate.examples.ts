import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:inference-endpoint:create`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Serve an instruction-tuned LLM with vLLM on one GPU and wait until it answers',
    example: `steps:
  - id: endpoint
    name: Create the inference endpoint
    action: runtime:inference-endpoint:create
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: \${{ parameters.service }}
      namespace: team-assistant
      name: llama-3-1-8b-instruct
      url: hf://meta-llama/Llama-3.1-8B-Instruct
      engine: VLLM
      features: [TextGeneration]
      resourceProfile: nvidia-gpu-l4:1
      minReplicas: 1
      maxReplicas: 3
output:
  text:
    - title: OpenAI base URL
      content: \${{ steps.endpoint.output.baseUrl }}
`,
  },
  {
    description:
      'An embeddings model that scales to zero when idle (the step does not wait)',
    example: `steps:
  - id: embeddings
    name: Create the embeddings endpoint
    action: runtime:inference-endpoint:create
    input:
      environment: dev
      owner: group:default/search-team
      service: semantic-search
      namespace: team-search
      name: bge-small-embeddings
      url: hf://BAAI/bge-small-en-v1.5
      engine: Infinity
      features: [TextEmbedding]
      resourceProfile: cpu:2
      minReplicas: 0
`,
  },
];
