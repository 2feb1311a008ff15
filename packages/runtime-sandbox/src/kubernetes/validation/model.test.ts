import { applyDefaults } from '../defaults';
import { resourceOfKind } from '../resources';
import { validateModel } from './model';

function modelWith(spec: Record<string, unknown>, name = 'm') {
  const object = {
    apiVersion: 'kubeai.org/v1',
    kind: 'Model',
    metadata: { name },
    spec: {
      url: 'hf://org/model',
      engine: 'VLLM',
      features: ['TextGeneration'],
      ...spec,
    },
  };
  applyDefaults(resourceOfKind('Model'), object, undefined, () => '');
  return object;
}

const fields = (spec: Record<string, unknown>) =>
  validateModel(modelWith(spec)).map(c => c.field);

describe('validateModel', () => {
  it.each([
    ['hf', { url: 'hf://meta-llama/Llama-3.1-8B-Instruct' }],
    ['pvc with subpath', { url: 'pvc://models/llama' }],
    ['ollama', { url: 'ollama://qwen2:0.5b', engine: 'OLlama' }],
    ['s3', { url: 's3://bucket/path' }],
    [
      'gs with a cache profile',
      { url: 'gs://bucket/path', cacheProfile: 'standard' },
    ],
    ['zero min replicas', { minReplicas: 0, maxReplicas: 1 }],
    [
      'adapters on VLLM',
      { adapters: [{ name: 'lora-a', url: 'hf://org/lora' }] },
    ],
    [
      'ten files',
      {
        files: Array.from({ length: 10 }, (_, i) => ({
          path: `/f/${i}`,
          content: 'x',
        })),
      },
    ],
  ])('accepts %s', (_, spec) => {
    expect(validateModel(modelWith(spec))).toEqual([]);
  });

  it.each([
    ['an unknown url scheme', { url: 'http://x' }, ['spec.url']],
    ['gs without a cache profile', { url: 'gs://b/p' }, ['spec']],
    ['oss without a cache profile', { url: 'oss://b/p' }, ['spec']],
    [
      'a cache profile with pvc',
      { url: 'pvc://x', cacheProfile: 'standard' },
      ['spec'],
    ],
    ['an unknown engine', { engine: 'Triton' }, ['spec.engine']],
    [
      'an unknown feature',
      { features: ['TextGeneration', 'Vision'] },
      ['spec.features[1]'],
    ],
    ['negative minReplicas', { minReplicas: -1 }, ['spec.minReplicas']],
    ['zero maxReplicas', { maxReplicas: 0 }, ['spec.maxReplicas']],
    ['min above max', { minReplicas: 3, maxReplicas: 1 }, ['spec']],
    ['zero targetRequests', { targetRequests: 0 }, ['spec.targetRequests']],
    ['a string replica count', { minReplicas: '1' }, ['spec.minReplicas']],
    [
      'eleven files',
      {
        files: Array.from({ length: 11 }, (_, i) => ({
          path: `/f/${i}`,
          content: 'x',
        })),
      },
      ['spec.files'],
    ],
    [
      'a relative file path',
      { files: [{ path: 'f', content: 'x' }] },
      ['spec.files[0].path'],
    ],
    [
      'adapters on another engine',
      {
        engine: 'OLlama',
        url: 'ollama://x',
        adapters: [{ name: 'a', url: 'hf://x' }],
      },
      ['spec'],
    ],
    [
      'an unknown load balancing strategy',
      { loadBalancing: { strategy: 'Random' } },
      ['spec.loadBalancing.strategy'],
    ],
  ])('rejects %s', (_, spec, expected) => {
    expect(fields(spec)).toEqual(expected);
  });

  it('words the errors as the API server does', () => {
    expect(
      validateModel(modelWith({ engine: 'Triton', maxReplicas: 0 })),
    ).toEqual([
      {
        reason: 'FieldValueNotSupported',
        field: 'spec.engine',
        message:
          'Unsupported value: "Triton": supported values: "OLlama", "VLLM", "FasterWhisper", "Infinity"',
      },
      {
        reason: 'FieldValueInvalid',
        field: 'spec.maxReplicas',
        message:
          'Invalid value: 0: spec.maxReplicas in body should be greater than or equal to 1',
      },
    ]);
    expect(validateModel(modelWith({ url: 'ftp://x' }))[0].message).toBe(
      'Invalid value: "string": url must start with "hf://", "pvc://", "ollama://", "s3://", "gs://", or "oss://" and not be empty.',
    );
  });

  it('limits the name to 40 characters', () => {
    expect(validateModel(modelWith({}, 'x'.repeat(40)))).toEqual([]);
    expect(validateModel(modelWith({}, 'x'.repeat(41)))[0].message).toBe(
      'Invalid value: "object": name must not exceed 40 characters.',
    );
  });

  it('keeps cacheProfile and a cached url immutable on update', () => {
    const old = modelWith({ cacheProfile: 'standard' });
    expect(
      validateModel(modelWith({ cacheProfile: 'fast' }), old).map(
        c => c.message,
      ),
    ).toContain('Invalid value: "string": cacheProfile is immutable.');
    expect(
      validateModel(
        modelWith({ cacheProfile: 'standard', url: 'hf://org/other' }),
        old,
      ).map(c => c.message),
    ).toContain(
      'Invalid value: "object": url is immutable when using cacheProfile.',
    );
  });
});
