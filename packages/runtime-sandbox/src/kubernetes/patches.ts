import { KubeApiError, badRequest } from './apiErrors';
import { clone, deepEqual, isPlainObject } from './objects';

/** RFC 7386 JSON merge patch: objects merge, `null` deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return clone(patch);
  const result: Record<string, unknown> = isPlainObject(target)
    ? { ...target }
    : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

function patchFailed(why: string): KubeApiError {
  return new KubeApiError(
    422,
    'Invalid',
    `the server rejected our request due to an error in our request: ${why}`,
  );
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/'))
    throw patchFailed(`invalid JSON pointer "${path}"`);
  return path
    .slice(1)
    .split('/')
    .map(p => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: unknown, tokens: string[], path: string) {
  let current: any = doc;
  for (const token of tokens.slice(0, -1)) {
    current = Array.isArray(current)
      ? current[Number(token)]
      : current?.[token];
    if (
      current === undefined ||
      current === null ||
      typeof current !== 'object'
    ) {
      throw patchFailed(`doc is missing path: "${path}"`);
    }
  }
  return { parent: current, last: tokens[tokens.length - 1] };
}

function read(doc: unknown, path: string): unknown {
  let current: any = doc;
  for (const token of pointer(path)) {
    current = Array.isArray(current)
      ? current[Number(token)]
      : current?.[token];
    if (current === undefined)
      throw patchFailed(`doc is missing path: "${path}"`);
  }
  return current;
}

function add(doc: unknown, path: string, value: unknown): unknown {
  const tokens = pointer(path);
  if (tokens.length === 0) return clone(value);
  const { parent, last } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) {
      throw patchFailed(`index out of range in path "${path}"`);
    }
    parent.splice(index, 0, clone(value));
  } else {
    parent[last] = clone(value);
  }
  return doc;
}

function remove(doc: unknown, path: string): unknown {
  const tokens = pointer(path);
  const { parent, last } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const index = Number(last);
    if (!(index >= 0 && index < parent.length))
      throw patchFailed(`doc is missing path: "${path}"`);
    parent.splice(index, 1);
  } else {
    if (!Object.hasOwn(parent, last))
      throw patchFailed(`doc is missing path: "${path}"`);
    delete parent[last];
  }
  return doc;
}

/** RFC 6902 JSON patch. A failing operation (including `test`) is a 422, as in kube-apiserver. */
export function jsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations))
    throw badRequest('json patch must be a list of operations');
  let doc = clone(target);
  for (const raw of operations as JsonPatchOperation[]) {
    switch (raw?.op) {
      case 'add':
        doc = add(doc, raw.path, raw.value);
        break;
      case 'remove':
        doc = remove(doc, raw.path);
        break;
      case 'replace':
        read(doc, raw.path);
        doc = add(remove(doc, raw.path), raw.path, raw.value);
        break;
      case 'move': {
        const value = read(doc, raw.from ?? '');
        doc = add(remove(doc, raw.from ?? ''), raw.path, value);
        break;
      }
      case 'copy':
        doc = add(doc, raw.path, read(doc, raw.from ?? ''));
        break;
      case 'test':
        if (!deepEqual(read(doc, raw.path), raw.value)) {
          throw patchFailed(`testing value ${raw.path} failed: test failed`);
        }
        break;
      default:
        throw badRequest(
          `unexpected json patch operation "${String(raw?.op)}"`,
        );
    }
  }
  return doc;
}
