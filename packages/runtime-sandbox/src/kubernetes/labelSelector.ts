import { badRequest } from './apiErrors';

/** One requirement of a label selector. */
type LabelRequirement =
  | { key: string; operator: 'exists' | 'notExists' }
  | { key: string; operator: 'in' | 'notIn'; values: string[] }
  | { key: string; operator: 'gt' | 'lt'; value: number };

/** A parsed label selector: every requirement must hold. */
export type LabelSelector = LabelRequirement[];

type Token =
  | { type: 'word'; text: string }
  | { type: 'op'; text: '=' | '==' | '!=' | '!' | '(' | ')' | ',' | '>' | '<' };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
    } else if (input.startsWith('==', i) || input.startsWith('!=', i)) {
      tokens.push({ type: 'op', text: input.slice(i, i + 2) as '==' | '!=' });
      i += 2;
    } else if ('=!(),<>'.includes(c)) {
      tokens.push({ type: 'op', text: c as '=' });
      i++;
    } else {
      let j = i;
      while (j < input.length && !/[\s=!(),<>]/.test(input[j])) j++;
      tokens.push({ type: 'word', text: input.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

const KEY_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const KEY_PREFIX =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Checks a label key: an optional DNS subdomain prefix and a name of at most 63 characters. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (
    prefix !== undefined &&
    (prefix.length > 253 || !KEY_PREFIX.test(prefix))
  ) {
    return "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
  }
  if (name.length === 0 || name.length > 63 || !KEY_NAME.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  }
  return undefined;
}

/** Checks a label value: empty, or at most 63 alphanumeric, `-`, `_`, `.` characters. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!LABEL_VALUE.test(value)) {
    return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  }
  return undefined;
}

function fail(selector: string, why: string): never {
  throw badRequest(
    `unable to parse requirement: ${why} (selector "${selector}")`,
  );
}

/**
 * Parses a label selector as kube-apiserver does: `a=b`, `a==b`, `a!=b`, `a in (x,y)`,
 * `a notin (x,y)`, `a`, `!a`, `a>1`, `a<1`, separated by commas. A bad selector is a 400.
 */
export function parseLabelSelector(
  selector: string | undefined,
): LabelSelector {
  if (!selector || !selector.trim()) return [];
  const tokens = tokenize(selector);
  const requirements: LabelSelector = [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const word = (what: string) => {
    const token = next();
    if (token?.type !== 'word') fail(selector, `expected ${what}`);
    return token.text;
  };
  const checkKey = (key: string) => {
    const problem = labelKeyProblem(key);
    if (problem) fail(selector, `invalid label key "${key}": ${problem}`);
    return key;
  };
  const checkValue = (value: string) => {
    const problem = labelValueProblem(value);
    if (problem) fail(selector, `invalid label value: "${value}": ${problem}`);
    return value;
  };

  while (i < tokens.length) {
    const first = peek();
    if (first.type === 'op' && first.text === '!') {
      next();
      requirements.push({
        key: checkKey(word('a key after !')),
        operator: 'notExists',
      });
    } else {
      const key = checkKey(word('a key'));
      const op = peek();
      if (!op || (op.type === 'op' && op.text === ',')) {
        requirements.push({ key, operator: 'exists' });
      } else if (op.type === 'op' && ['=', '==', '!='].includes(op.text)) {
        next();
        const valueToken = peek();
        const value =
          valueToken?.type === 'word' ? (next(), valueToken.text) : '';
        requirements.push({
          key,
          operator: op.text === '!=' ? 'notIn' : 'in',
          values: [checkValue(value)],
        });
      } else if (op.type === 'op' && (op.text === '>' || op.text === '<')) {
        next();
        const text = word('a number');
        const value = Number(text);
        if (!Number.isInteger(value))
          fail(
            selector,
            `for 'Gt', 'Lt' operators, the value must be an integer`,
          );
        requirements.push({
          key,
          operator: op.text === '>' ? 'gt' : 'lt',
          value,
        });
      } else if (
        op.type === 'word' &&
        (op.text === 'in' || op.text === 'notin')
      ) {
        next();
        const open = next();
        if (open?.type !== 'op' || open.text !== '(')
          fail(selector, "found '', expected: '('");
        const values: string[] = [];
        for (;;) {
          const token = next();
          if (!token) fail(selector, "found '', expected: ')'");
          if (token.type === 'op' && token.text === ')') break;
          if (token.type === 'op' && token.text === ',') continue;
          if (token.type !== 'word')
            fail(
              selector,
              `found '${token.text}', expected: ',', ')' or identifier`,
            );
          values.push(checkValue(token.text));
        }
        if (values.length === 0)
          fail(
            selector,
            "for 'in', 'notin' operators, values set can't be empty",
          );
        requirements.push({
          key,
          operator: op.text === 'in' ? 'in' : 'notIn',
          values,
        });
      } else {
        fail(
          selector,
          `found '${op.text}', expected: in, notin, =, ==, !=, gt, lt`,
        );
      }
    }
    const separator = next();
    if (separator && !(separator.type === 'op' && separator.text === ',')) {
      fail(selector, `found '${separator.text}', expected: ','`);
    }
  }
  return requirements;
}

/** True when the labels satisfy every requirement of the selector. */
export function matchesLabels(
  selector: LabelSelector,
  labels: Record<string, string> | undefined,
): boolean {
  const has = (key: string) =>
    labels !== undefined && Object.hasOwn(labels, key);
  return selector.every(req => {
    switch (req.operator) {
      case 'exists':
        return has(req.key);
      case 'notExists':
        return !has(req.key);
      case 'in':
        return has(req.key) && req.values.includes(labels![req.key]);
      case 'notIn':
        return !has(req.key) || !req.values.includes(labels![req.key]);
      case 'gt':
      case 'lt': {
        if (!has(req.key)) return false;
        const n = Number(labels![req.key]);
        if (!Number.isInteger(n)) return false;
        return req.operator === 'gt' ? n > req.value : n < req.value;
      }
      default:
        return false;
    }
  });
}
