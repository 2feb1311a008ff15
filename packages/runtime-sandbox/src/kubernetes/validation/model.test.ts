import { applyDefaults } from '../defaults';
import { KubernetesObject } from '../objects';
import { resourceOfKind } from '../resources';
import { StructuralSchema } from './crdSchema';
import { customResourceSchemaOf } from './customResourceSchemas';
import { validateObject } from '.';

/**
 * KubeAI's Model CRD (v0.14.0, `crds/kubeai.org_models.yaml`) as the sandbox enforces it: one test
 * per enum and per CEL rule of the CRD, plus required fields, schema limits and defaults. Messages
 * are kube-apiserver 1.31's.
 */

const MODEL = resourceOfKind('Model');

function modelWith(
  spec: Record<string, unknown>,
  name = 'llama',
): KubernetesObject {
  return {
    apiVersion: 'kubeai.org/v1',
    kind: 'Model',
    metadata: { name, namespace: 'team-a' },
    spec: {
      url: 'hf://Qwen/Qwen2.5-0.5B-Instruct',
      engine: 'VLLM',
      features: ['TextGeneration'],
      minReplicas: 1,
      maxReplicas: 2,
      ...spec,
    },
  };
}

/** Defaults then validates, as a write does; `old` makes it an update. */
function validate(object: KubernetesObject, old?: KubernetesObject) {
  applyDefaults(MODEL, object, old, () => '10.0.0.1');
  return validateObject(MODEL, object, old);
}

const messages = (object: KubernetesObject, old?: KubernetesObject) =>
  validate(object, old).map(c => `${c.field}: ${c.message}`);

/** A stored Model (defaulted), to update. */
function stored(spec: Record<string, unknown> = {}): KubernetesObject {
  const old = modelWith(spec);
  expect(validate(old)).toEqual([]);
  return old;
}

/** Every `x-kubernetes-validations` rule of a schema, as `<path>: <message>`. */
function ruleMessages(schema: StructuralSchema, path = '<root>'): string[] {
  const own = (schema['x-kubernetes-validations'] ?? []).map(
    rule => `${path}: ${rule.message}`,
  );
  const properties = Object.entries(schema.properties ?? {}).flatMap(
    ([name, property]) =>
      ruleMessages(property, path === '<root>' ? name : `${path}.${name}`),
  );
  const items = schema.items ? ruleMessages(schema.items, `${path}[]`) : [];
  return [...own, ...properties, ...items];
}

const RULES_NOT_CHECKED =
  '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

describe('the KubeAI Model CRD', () => {
  const schema = () => customResourceSchemaOf(MODEL)!.schema;

  it('is the upstream v0.14.0 schema: its enums', () => {
    const spec = schema().properties!.spec;
    expect(spec.properties!.engine.enum).toEqual([
      'OLlama',
      'VLLM',
      'FasterWhisper',
      'Infinity',
    ]);
    expect(spec.properties!.features.items!.enum).toEqual([
      'TextGeneration',
      'TextEmbedding',
      'SpeechToText',
    ]);
    expect(spec.properties!.loadBalancing.properties!.strategy.enum).toEqual([
      'LeastLoad',
      'PrefixHash',
    ]);
  });

  it('is the upstream v0.14.0 schema: its CEL rules, each tested below', () => {
    expect(ruleMessages(schema())).toEqual([
      '<root>: name must not exceed 40 characters.',
      'spec: cacheProfile is only supported with urls of format "hf://...", "s3://...", "gs://...", or "oss://..." at the moment.',
      'spec: urls of format "s3://..." only supported when using a cacheProfile',
      'spec: urls of format "gs://..." only supported when using a cacheProfile',
      'spec: urls of format "oss://..." only supported when using a cacheProfile',
      'spec: minReplicas should be less than or equal to maxReplicas.',
      'spec: adapters only supported with VLLM engine.',
      'spec.adapters[].url: adapter url must start with "hf://", "s3://", "gs://", or "oss://".',
      'spec.cacheProfile: cacheProfile is immutable.',
      'spec.loadBalancing.prefixHash.replication: replication is immutable.',
      'spec.url: url is immutable.',
      'spec.url: url must start with "hf://", "pvc://", "ollama://", "s3://", "gs://", or "oss://" and not be empty.',
    ]);
  });

  it('is the upstream v0.14.0 schema: its spec fields (none of the later files, envFrom, priorityClassName)', () => {
    expect(Object.keys(schema().properties!.spec.properties!)).toEqual([
      'adapters',
      'args',
      'autoscalingDisabled',
      'cacheProfile',
      'engine',
      'env',
      'features',
      'image',
      'loadBalancing',
      'maxReplicas',
      'minReplicas',
      'owner',
      'replicas',
      'resourceProfile',
      'scaleDownDelaySeconds',
      'targetRequests',
      'url',
    ]);
  });

  it('accepts a valid Model and applies the schema defaults', () => {
    const model = modelWith({});
    expect(validate(model)).toEqual([]);
    expect(model.spec).toMatchObject({
      scaleDownDelaySeconds: 30,
      targetRequests: 100,
      loadBalancing: {
        strategy: 'LeastLoad',
        prefixHash: {
          meanLoadFactor: 125,
          prefixCharLength: 100,
          replication: 20,
        },
      },
    });
  });

  it('keeps given values, defaults nulls that have a default and drops the others', () => {
    const model = modelWith({
      targetRequests: 5,
      scaleDownDelaySeconds: null,
      image: null,
      loadBalancing: { strategy: 'PrefixHash' },
    });
    expect(validate(model)).toEqual([]);
    expect(model.spec.targetRequests).toBe(5);
    expect(model.spec.scaleDownDelaySeconds).toBe(30);
    expect('image' in model.spec).toBe(false);
    expect(model.spec.loadBalancing).toEqual({
      strategy: 'PrefixHash',
      prefixHash: {
        meanLoadFactor: 125,
        prefixCharLength: 100,
        replication: 20,
      },
    });
  });

  describe('required fields', () => {
    it('requires url, engine and features, and then skips the CEL rules', () => {
      const model = modelWith({});
      model.spec = {};
      expect(messages(model)).toEqual([
        'spec.engine: Required value',
        'spec.features: Required value',
        'spec.url: Required value',
        RULES_NOT_CHECKED,
      ]);
    });

    it('requires the name and url of adapters', () => {
      expect(messages(modelWith({ adapters: [{}] }))).toEqual([
        'spec.adapters[0].name: Required value',
        'spec.adapters[0].url: Required value',
        RULES_NOT_CHECKED,
      ]);
    });
  });

  describe('enums', () => {
    it.each(['OLlama', 'VLLM', 'FasterWhisper', 'Infinity'])(
      'accepts the engine %s',
      engine => {
        expect(validate(modelWith({ engine }))).toEqual([]);
      },
    );

    it('refuses another engine', () => {
      expect(messages(modelWith({ engine: 'TensorRT' }))).toEqual([
        'spec.engine: Unsupported value: "TensorRT": supported values: "OLlama", "VLLM", "FasterWhisper", "Infinity"',
        RULES_NOT_CHECKED,
      ]);
    });

    it.each(['TextGeneration', 'TextEmbedding', 'SpeechToText'])(
      'accepts the feature %s',
      feature => {
        expect(validate(modelWith({ features: [feature] }))).toEqual([]);
      },
    );

    it('refuses Reranking, which KubeAI only has since v0.22.0', () => {
      expect(
        messages(modelWith({ engine: 'Infinity', features: ['Reranking'] })),
      ).toEqual([
        'spec.features[0]: Unsupported value: "Reranking": supported values: "TextGeneration", "TextEmbedding", "SpeechToText"',
        RULES_NOT_CHECKED,
      ]);
    });

    it('refuses another feature, naming its index', () => {
      expect(
        messages(modelWith({ features: ['TextGeneration', 'Dancing'] })),
      ).toEqual([
        'spec.features[1]: Unsupported value: "Dancing": supported values: "TextGeneration", "TextEmbedding", "SpeechToText"',
        RULES_NOT_CHECKED,
      ]);
    });

    it.each(['LeastLoad', 'PrefixHash'])(
      'accepts the load balancing strategy %s',
      strategy => {
        expect(validate(modelWith({ loadBalancing: { strategy } }))).toEqual(
          [],
        );
      },
    );

    it('refuses another load balancing strategy', () => {
      expect(
        messages(modelWith({ loadBalancing: { strategy: 'RoundRobin' } })),
      ).toEqual([
        'spec.loadBalancing.strategy: Unsupported value: "RoundRobin": supported values: "LeastLoad", "PrefixHash"',
        RULES_NOT_CHECKED,
      ]);
    });
  });

  describe('schema limits', () => {
    it('reports wrong types as TypeInvalid and skips the CEL rules', () => {
      expect(messages(modelWith({ minReplicas: '1' }))).toEqual([
        'spec.minReplicas: Invalid value: "string": spec.minReplicas in body must be of type integer: "string"',
        RULES_NOT_CHECKED,
      ]);
    });

    it('reports minimums, which do not block the CEL rules', () => {
      expect(
        messages(
          modelWith({
            minReplicas: -1,
            maxReplicas: 0,
            targetRequests: 0,
            loadBalancing: { prefixHash: { meanLoadFactor: 99 } },
          }),
        ),
      ).toEqual([
        'spec.loadBalancing.prefixHash.meanLoadFactor: Invalid value: 99: spec.loadBalancing.prefixHash.meanLoadFactor in body should be greater than or equal to 100',
        'spec.maxReplicas: Invalid value: 0: spec.maxReplicas in body should be greater than or equal to 1',
        'spec.minReplicas: Invalid value: -1: spec.minReplicas in body should be greater than or equal to 0',
        'spec.targetRequests: Invalid value: 0: spec.targetRequests in body should be greater than or equal to 1',
      ]);
    });

    it('limits the length of adapter names', () => {
      expect(
        messages(
          modelWith({ adapters: [{ name: 'a'.repeat(64), url: 'hf://a/b' }] }),
        ),
      ).toEqual([
        'spec.adapters[0].name: Too long: may not be longer than 63',
        RULES_NOT_CHECKED,
      ]);
    });

    it('checks the adapter name pattern', () => {
      expect(
        messages(
          modelWith({ adapters: [{ name: 'My_Adapter', url: 'hf://a/b' }] }),
        ),
      ).toEqual([
        'spec.adapters[0].name: Invalid value: "My_Adapter": spec.adapters[0].name in body should match \'^[a-z0-9-]+$\'',
      ]);
    });
  });

  describe('CEL rules', () => {
    it.each([
      ['hf://org/model', {}],
      ['pvc://models/llama', {}],
      ['ollama://qwen2.5:0.5b', {}],
      ['s3://bucket/llama', { cacheProfile: 'standard-filestore' }],
      ['gs://bucket/llama', { cacheProfile: 'standard-filestore' }],
      ['oss://bucket/llama', { cacheProfile: 'standard-filestore' }],
    ])('accepts the url %s', (url, extra) => {
      expect(validate(modelWith({ url, ...extra }))).toEqual([]);
    });

    it.each(['ftp://host/model', ''])('refuses the url "%s"', url => {
      expect(messages(modelWith({ url }))).toEqual([
        'spec.url: Invalid value: "string": url must start with "hf://", "pvc://", "ollama://", "s3://", "gs://", or "oss://" and not be empty.',
      ]);
    });

    it('allows a cacheProfile only with hf, s3, gs or oss urls', () => {
      expect(
        messages(modelWith({ url: 'pvc://models', cacheProfile: 'fast' })),
      ).toEqual([
        'spec: Invalid value: "object": cacheProfile is only supported with urls of format "hf://...", "s3://...", "gs://...", or "oss://..." at the moment.',
      ]);
      expect(
        validate(modelWith({ url: 'hf://org/model', cacheProfile: 'fast' })),
      ).toEqual([]);
    });

    it.each(['s3', 'gs', 'oss'])(
      'allows %s:// urls only with a cacheProfile',
      scheme => {
        expect(messages(modelWith({ url: `${scheme}://bucket/m` }))).toEqual([
          `spec: Invalid value: "object": urls of format "${scheme}://..." only supported when using a cacheProfile`,
        ]);
      },
    );

    it('requires minReplicas <= maxReplicas', () => {
      expect(messages(modelWith({ minReplicas: 3, maxReplicas: 2 }))).toEqual([
        'spec: Invalid value: "object": minReplicas should be less than or equal to maxReplicas.',
      ]);
      expect(validate(modelWith({ minReplicas: 2, maxReplicas: 2 }))).toEqual(
        [],
      );
    });

    it('reports the rule error when maxReplicas is set without minReplicas (the rule reads it)', () => {
      expect(
        messages(modelWith({ minReplicas: undefined, maxReplicas: 2 })),
      ).toEqual([
        'spec: Invalid value: "object": no such key: minReplicas evaluating rule: minReplicas should be less than or equal to maxReplicas.',
      ]);
    });

    it('allows adapters only with the VLLM engine', () => {
      const adapters = [{ name: 'colorist', url: 'hf://org/colorist' }];
      expect(validate(modelWith({ adapters }))).toEqual([]);
      expect(
        messages(
          modelWith({ adapters, engine: 'OLlama', url: 'ollama://qwen' }),
        ),
      ).toEqual([
        'spec: Invalid value: "object": adapters only supported with VLLM engine.',
      ]);
    });

    it('checks the adapter url prefix', () => {
      expect(
        messages(modelWith({ adapters: [{ name: 'a', url: 'pvc://x' }] })),
      ).toEqual([
        'spec.adapters[0].url: Invalid value: "string": adapter url must start with "hf://", "s3://", "gs://", or "oss://".',
      ]);
    });

    it('limits the name to 40 characters, reported on the root (<nil>)', () => {
      expect(validate(modelWith({}, 'x'.repeat(40)))).toEqual([]);
      expect(validate(modelWith({}, 'x'.repeat(41)))).toEqual([
        {
          reason: 'FieldValueInvalid',
          field: '<nil>',
          message:
            'Invalid value: "object": name must not exceed 40 characters.',
        },
      ]);
    });
  });

  describe('transition rules (updates only)', () => {
    it('keeps cacheProfile immutable', () => {
      const old = stored({ url: 'gs://bucket/m', cacheProfile: 'standard' });
      expect(
        messages(
          modelWith({ url: 'gs://bucket/m', cacheProfile: 'premium' }),
          old,
        ),
      ).toEqual([
        'spec.cacheProfile: Invalid value: "string": cacheProfile is immutable.',
      ]);
    });

    it('keeps the url immutable, with or without a cacheProfile', () => {
      expect(messages(modelWith({ url: 'hf://org/other' }), stored())).toEqual([
        'spec.url: Invalid value: "string": url is immutable.',
      ]);
      expect(validate(modelWith({ maxReplicas: 3 }), stored())).toEqual([]);
    });

    it('keeps loadBalancing.prefixHash.replication immutable', () => {
      expect(
        messages(
          modelWith({ loadBalancing: { prefixHash: { replication: 512 } } }),
          stored(),
        ),
      ).toEqual([
        'spec.loadBalancing.prefixHash.replication: Invalid value: "integer": replication is immutable.',
      ]);
    });

    it('does not evaluate transition rules on create', () => {
      expect(
        validate(
          modelWith({
            loadBalancing: { prefixHash: { replication: 512 } },
            url: 'gs://bucket/m',
            cacheProfile: 'premium',
          }),
        ),
      ).toEqual([]);
    });
  });
});
