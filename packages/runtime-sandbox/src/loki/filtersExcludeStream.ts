import { filterNeedles } from './filterNeedles';
import { templateMayContain } from './lineTemplate';
import { LogStream } from './logLines';
import { LogQuery } from './logql';

/**
 * Whether the query's line filters provably pass no line of the stream, so that reading its lines
 * can be skipped: the stream declares templates of its lines, and some `|=` or `|~` filter needs
 * a text (one of a few, for a regex of literal alternatives) that no template can contain. Any
 * other case (no templates, only negations, other regexes) is `false`: the stream is read.
 */
export function filtersExcludeStream(
  query: LogQuery,
  stream: LogStream,
): boolean {
  const templates = stream.templates;
  if (!templates) return false;
  return query.filters.some(filter => {
    const needed = filterNeedles(filter);
    return (
      needed !== undefined &&
      !needed.needles.some(needle =>
        templates.some(template =>
          templateMayContain(template, needle, needed.ignoreCase),
        ),
      )
    );
  });
}
