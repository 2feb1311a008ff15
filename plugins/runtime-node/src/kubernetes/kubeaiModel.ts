/**
 * The enums of KubeAI's `Model` (kubeai.org/v1) as its CRD declares them in KubeAI v0.14.0, the
 * version the Runtime runs: `api/v1/model_types.go` (`+kubebuilder:validation:Enum` markers) and
 * the generated `charts/kubeai/templates/crds/kubeai.org_models.yaml`. The scaffolder action and
 * the inference-endpoint template offer exactly these values; follow the Runtime's KubeAI version
 * when it changes (later releases add features, e.g. v0.22.0 `Reranking`, which v0.14.0 refuses).
 */

/**
 * `spec.features` values, in the CRD's order (KubeAI v0.14.0).
 *
 * @public
 */
export const KUBEAI_MODEL_FEATURES = [
  'TextGeneration',
  'TextEmbedding',
  'SpeechToText',
] as const;

/**
 * A KubeAI Model feature.
 *
 * @public
 */
export type KubeAIModelFeature = (typeof KUBEAI_MODEL_FEATURES)[number];

/**
 * `spec.engine` values, in the CRD's order (KubeAI v0.14.0).
 *
 * @public
 */
export const KUBEAI_MODEL_ENGINES = [
  'OLlama',
  'VLLM',
  'FasterWhisper',
  'Infinity',
] as const;

/**
 * A KubeAI Model engine.
 *
 * @public
 */
export type KubeAIModelEngine = (typeof KUBEAI_MODEL_ENGINES)[number];
