import { HarborApiError } from './harborError';
import { HarborArtifact } from './seedArtifacts';

/**
 * Harbor's `q` query for artifacts: comma-separated `key=value` (exact) or `key=~value` (fuzzy)
 * terms over `tags`, `digest` and `type`.
 */
export function artifactFilter(
  q: string | undefined,
): (artifact: HarborArtifact) => boolean {
  if (!q) return () => true;
  const terms = q.split(',').map(term => {
    const match = /^([a-z_]+)=(~?)(.*)$/.exec(term.trim());
    if (!match || !['tags', 'digest', 'type'].includes(match[1])) {
      throw HarborApiError.badRequest(`invalid query: ${term}`);
    }
    const [, key, fuzzy, value] = match;
    const test = (candidate: string) =>
      fuzzy ? candidate.includes(value) : candidate === value;
    return (artifact: HarborArtifact) => {
      if (key === 'tags') return artifact.tags.some(tag => test(tag.name));
      if (key === 'digest') return test(artifact.digest);
      return test('IMAGE');
    };
  });
  return artifact => terms.every(term => term(artifact));
}
