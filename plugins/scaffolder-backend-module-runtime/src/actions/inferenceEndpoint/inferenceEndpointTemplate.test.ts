import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { z as zod } from 'zod/v3';
import {
  KUBEAI_MODEL_ENGINES,
  KUBEAI_MODEL_FEATURES,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { inputObjectSchema } from './inferenceEndpointCreate';

/**
 * The inference-endpoint template offers what the action accepts, and both offer exactly the Model
 * enums of the Runtime's KubeAI (v0.14.0), so no form offers a feature KubeAI refuses.
 */

const TEMPLATE = path.resolve(
  __dirname,
  '../../../../../examples/templates/inference-endpoint.yaml',
);

function templateProperty(name: string): any {
  const template = yaml.parse(fs.readFileSync(TEMPLATE, 'utf8'));
  const pages: any[] = template.spec.parameters;
  const page = pages.find(p => p.properties?.[name]);
  if (!page) throw new Error(`the template has no ${name} parameter`);
  return page.properties[name];
}

describe('inference-endpoint template and action', () => {
  const shape = inputObjectSchema(zod).shape;

  it('offer exactly the KubeAI Model features', () => {
    const actionFeatures = shape.features.element.options;
    expect(actionFeatures).toEqual([...KUBEAI_MODEL_FEATURES]);
    expect(templateProperty('features').items.enum).toEqual(actionFeatures);
  });

  it('offer exactly the KubeAI Model engines', () => {
    const actionEngines = shape.engine.options;
    expect(actionEngines).toEqual([...KUBEAI_MODEL_ENGINES]);
    // The template lists VLLM first (its default); the set is what matters.
    expect([...templateProperty('engine').enum].sort()).toEqual(
      [...actionEngines].sort(),
    );
  });

  it('offer only the model sources KubeAI v0.14.0 takes without a cacheProfile', () => {
    const templatePattern = new RegExp(templateProperty('url').pattern);
    const offered = (url: string) => ({
      template: templatePattern.test(url),
      action: shape.url.safeParse(url).success,
    });
    for (const url of [
      'hf://Qwen/Qwen2.5-0.5B-Instruct',
      'pvc://models/llama',
      'ollama://qwen2.5:0.5b',
    ]) {
      expect(offered(url)).toEqual({ template: true, action: true });
    }
    for (const url of [
      's3://bucket/llama',
      'gs://bucket/llama',
      'oss://bucket/llama',
      'https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct',
    ]) {
      expect(offered(url)).toEqual({ template: false, action: false });
    }
  });

  it('refuses a feature KubeAI does not have', () => {
    expect(
      shape.features.safeParse(['TextGeneration', 'Dancing']).success,
    ).toBe(false);
  });
});
