/**
 * The part of an answer that a contract test compares whole, because a shape says nothing of it:
 * the body of an error (status 400 and above) or an empty list. Undefined for any other answer.
 */
export function wholeBody(answer: { status: number; body?: unknown }): unknown {
  if (answer.status >= 400) return answer.body;
  if (Array.isArray(answer.body) && answer.body.length === 0) {
    return answer.body;
  }
  return undefined;
}
