import { celEnv, isCelError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { StatusCause } from '../apiErrors';
import { isPlainObject } from '../objects';
import { StructuralSchema, ValidationRule } from './crdSchema';
import { invalidValue, required } from './fieldErrors';
import { duplicate, forbidden } from './openApiErrors';

/**
 * Evaluation of a CRD's `x-kubernetes-validations` rules with a CEL interpreter (@bufbuild/cel),
 * as kube-apiserver 1.31 evaluates them (`k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel`):
 * `self` is the value of the schema node holding the rule (integers as CEL `int`, objects as maps
 * of their declared fields; at the root also `apiVersion`, `kind`, `metadata.name` and
 * `metadata.generateName`), rules run only on present values, and transition rules (those using
 * `oldSelf`) only on updates where the node has an old value: object properties are correlated by
 * key, list items are not. A failed rule reports `Invalid value: "<schema type>": <message>` at the
 * node's path; the root's path is `<nil>`, as a nil `field.Path` prints.
 */

type Program = ReturnType<typeof plan>;

interface CompiledRule {
  program: Program;
  message?: Program;
  usesOldSelf: boolean;
}

const env = celEnv({ funcs: strings });
const compiled = new Map<string, CompiledRule>();

function mentionsOldSelf(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(mentionsOldSelf);
  if (node === null || typeof node !== 'object') return false;
  const record = node as Record<string, unknown>;
  if (
    record.case === 'identExpr' &&
    (record.value as { name?: string } | undefined)?.name === 'oldSelf'
  ) {
    return true;
  }
  return Object.values(record).some(mentionsOldSelf);
}

function compile(rule: ValidationRule): CompiledRule {
  const key = `${rule.rule}\u0000${rule.messageExpression ?? ''}`;
  let entry = compiled.get(key);
  if (!entry) {
    const parsed = parse(rule.rule);
    entry = {
      program: plan(env, parsed),
      message: rule.messageExpression
        ? plan(env, parse(rule.messageExpression))
        : undefined,
      usesOldSelf: mentionsOldSelf(parsed.expr),
    };
    compiled.set(key, entry);
  }
  return entry;
}

/** Converts a JSON value to the CEL value the API server binds for its schema node. */
function toCelValue(
  value: unknown,
  schema: StructuralSchema | undefined,
): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    return value.map(item => toCelValue(item, schema?.items));
  }
  if (isPlainObject(value)) {
    const map = new Map<string, unknown>();
    const additional = isPlainObject(schema?.additionalProperties)
      ? (schema!.additionalProperties as StructuralSchema)
      : undefined;
    const preserve = schema?.['x-kubernetes-preserve-unknown-fields'] === true;
    for (const [key, field] of Object.entries(value)) {
      if (field === undefined) continue;
      const property = schema?.properties?.[key];
      if (property) map.set(key, toCelValue(field, property));
      else if (additional) map.set(key, toCelValue(field, additional));
      else if (preserve || !schema) map.set(key, toCelValue(field, undefined));
    }
    return map;
  }
  if (typeof value === 'number' && Number.isInteger(value)) {
    return schema?.type === 'number' ? value : BigInt(value);
  }
  return value;
}

/** The root's `self`: its declared fields plus the type and object metadata CEL may read. */
function rootCelValue(
  object: Record<string, unknown>,
  schema: StructuralSchema,
) {
  const self = toCelValue(object, schema) as Map<string, unknown>;
  if (typeof object.apiVersion === 'string')
    self.set('apiVersion', object.apiVersion);
  if (typeof object.kind === 'string') self.set('kind', object.kind);
  const meta = isPlainObject(object.metadata) ? object.metadata : {};
  const metadata = new Map<string, unknown>();
  if (typeof meta.name === 'string') metadata.set('name', meta.name);
  if (typeof meta.generateName === 'string')
    metadata.set('generateName', meta.generateName);
  self.set('metadata', metadata);
  return self;
}

/** cel-go's wording of the runtime errors KubeAI-style rules can raise. */
function celGoMessage(message: string): string {
  return message.replace(/^field not found: /, 'no such key: ');
}

function ruleMessage(rule: ValidationRule): string {
  return rule.message?.trim() || `failed rule: ${rule.rule.trim()}`;
}

function ruleErrorString(rule: ValidationRule): string {
  return rule.message?.trim() || rule.rule.trim();
}

function failure(
  field: string,
  type: string,
  detail: string,
  rule: ValidationRule,
  value: unknown,
): StatusCause {
  switch (rule.reason) {
    case 'FieldValueForbidden':
      return forbidden(field, detail);
    case 'FieldValueRequired':
      return required(field, detail);
    case 'FieldValueDuplicate':
      return duplicate(field, value);
    default:
      return invalidValue(field, type, detail);
  }
}

interface Node {
  schema: StructuralSchema;
  value: unknown;
  old: unknown;
  /** Undefined at the resource root (a nil `field.Path`). */
  path?: string;
  isRoot?: boolean;
}

function evaluateNode(node: Node, causes: StatusCause[]) {
  const { schema, value, old, path, isRoot } = node;
  const rules = schema['x-kubernetes-validations'] ?? [];
  if (rules.length === 0) return;
  const type = schema.type ?? 'object';
  const bind = (v: unknown) =>
    isRoot && isPlainObject(v)
      ? rootCelValue(v, schema)
      : toCelValue(v, schema);
  const self = bind(value);
  const oldSelf = old === undefined || old === null ? undefined : bind(old);
  for (const rule of rules) {
    const program = compile(rule);
    if (program.usesOldSelf && oldSelf === undefined) continue;
    const bindings = (
      program.usesOldSelf ? { self, oldSelf } : { self }
    ) as Parameters<Program>[0];
    const result = program.program(bindings);
    const field = rule.fieldPath
      ? `${path ?? ''}${rule.fieldPath.startsWith('.') ? '' : '.'}${
          rule.fieldPath
        }`.replace(/^\./, '')
      : path ?? '<nil>';
    if (isCelError(result)) {
      causes.push(
        invalidValue(
          path ?? '<nil>',
          type,
          `${celGoMessage(result.message)} evaluating rule: ${ruleErrorString(
            rule,
          )}`,
        ),
      );
      continue;
    }
    if (result === true) continue;
    let detail = ruleMessage(rule);
    if (program.message) {
      const message = program.message(bindings);
      if (typeof message === 'string' && message.trim() && !/\n/.test(message))
        detail = message.trim();
    }
    causes.push(failure(field, type, detail, rule, value));
  }
}

function walk(node: Node, causes: StatusCause[]) {
  if (node.value === undefined || node.value === null) return;
  evaluateNode(node, causes);
  const { schema, value, old, path } = node;
  const child = (key: string) => (path ? `${path}.${key}` : key);
  if (isPlainObject(value)) {
    const oldMap = isPlainObject(old) ? old : undefined;
    const additional = isPlainObject(schema.additionalProperties)
      ? (schema.additionalProperties as StructuralSchema)
      : undefined;
    for (const [key, field] of Object.entries(value)) {
      if (node.isRoot && key === 'metadata') continue;
      const property = schema.properties?.[key] ?? additional;
      if (!property) continue;
      walk(
        {
          schema: property,
          value: field,
          old: oldMap?.[key],
          path: child(key),
        },
        causes,
      );
    }
  } else if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) =>
      walk(
        {
          schema: schema.items!,
          value: item,
          old: undefined,
          path: `${path}[${i}]`,
        },
        causes,
      ),
    );
  }
}

/**
 * Evaluates every `x-kubernetes-validations` rule of `schema` on the resource `object` (`old` is
 * the stored object on an update, which enables transition rules) and returns the failures.
 */
export function evaluateValidationRules(
  object: Record<string, unknown>,
  schema: StructuralSchema,
  old?: Record<string, unknown>,
): StatusCause[] {
  const causes: StatusCause[] = [];
  walk({ schema, value: object, old, isRoot: true }, causes);
  return causes;
}
