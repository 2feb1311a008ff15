import { StructuralSchema } from './crdSchema';
import { applyStructuralDefaults } from './structuralDefaulting';
import { findUnknownFields, pruneUnknownFields } from './structuralPruning';
import { validateStructuralSchema } from './structuralSchema';

/** The generic parts of the CRD machinery that the KubeAI Model CRD does not exercise. */

const SCHEMA: StructuralSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        ratio: {
          type: 'number',
          maximum: 1,
          exclusiveMinimum: true,
          minimum: 0,
        },
        tags: { type: 'array', minItems: 1, items: { type: 'string' } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        note: { type: 'string', nullable: true, minLength: 2 },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        nested: {
          type: 'object',
          default: {},
          properties: { depth: { type: 'integer', default: 3 } },
        },
      },
    },
  },
};

const messages = (spec: unknown) =>
  validateStructuralSchema({ spec }, SCHEMA).map(
    c => `${c.field}: ${c.message}`,
  );

describe('structural schema validation', () => {
  it('accepts integers for numbers and null for nullable fields', () => {
    expect(messages({ ratio: 1, note: null, tags: ['a'] })).toEqual([]);
  });

  it('reports maximum, exclusive minimum, minItems and minLength (in the schema order)', () => {
    expect(messages({ ratio: 0, tags: [], note: 'x' })).toEqual([
      'spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0',
      'spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items',
      'spec.note: Invalid value: "x": spec.note in body should be at least 2 chars long',
    ]);
    expect(messages({ ratio: 1.5 })).toEqual([
      'spec.ratio: Invalid value: 1.5: spec.ratio in body should be less than or equal to 1',
    ]);
  });

  it('checks additionalProperties values and list items by path', () => {
    expect(messages({ labels: { team: 7 }, tags: ['a', true] })).toEqual([
      'spec.tags[1]: Invalid value: "boolean": spec.tags[1] in body must be of type string: "boolean"',
      'spec.labels.team: Invalid value: "integer": spec.labels.team in body must be of type string: "integer"',
    ]);
  });
});

describe('structural pruning and defaulting', () => {
  it('finds unknown fields, sorted, and keeps those under preserve-unknown-fields', () => {
    const object = {
      apiVersion: 'x/v1',
      kind: 'X',
      metadata: { name: 'x' },
      spec: { zeta: 1, free: { anything: true }, tags: ['a'], alpha: {} },
      extra: 1,
    };
    expect(findUnknownFields(object, SCHEMA)).toEqual([
      'extra',
      'spec.alpha',
      'spec.zeta',
    ]);
    expect(object.spec.zeta).toBe(1);
    expect(pruneUnknownFields(object, SCHEMA)).toHaveLength(3);
    expect(object).toEqual({
      apiVersion: 'x/v1',
      kind: 'X',
      metadata: { name: 'x' },
      spec: { free: { anything: true }, tags: ['a'] },
    });
  });

  it('defaults inside a defaulted object', () => {
    const object = { spec: {} as Record<string, unknown> };
    applyStructuralDefaults(object, SCHEMA);
    expect(object.spec.nested).toEqual({ depth: 3 });
  });
});
