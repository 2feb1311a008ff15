import { parse } from 'yaml';

/** A job a `.gitlab-ci.yml` defines. */
export interface CiJobDefinition {
  name: string;
  stage: string;
  /** The stage's position in the pipeline's stages. */
  stageIndex: number;
  allowFailure: boolean;
}

/**
 * Top-level keys of a `.gitlab-ci.yml` that are keywords, not jobs (GitLab's `Entry::Root`: global
 * keywords and the deprecated global job defaults).
 */
const KEYWORDS = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'spec',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'types',
]);

/** GitLab's stages when a definition has none (`Entry::Stages.default`, wrapped in `.pre`/`.post`). */
const DEFAULT_STAGES = ['build', 'test', 'deploy'];

/**
 * The jobs of a `.gitlab-ci.yml`, in the order GitLab runs them: by stage (`stages`, `.pre` first and
 * `.post` last), then as defined. Hidden jobs (`.name`) and keywords are not jobs; a job is a map with
 * `script`, `run` or `trigger`, in the `test` stage unless it says otherwise. A definition that is not
 * valid YAML, or whose jobs name an undeclared stage, has no jobs.
 */
export function jobsOfCiDefinition(text: string): CiJobDefinition[] {
  let config: unknown;
  try {
    config = parse(text);
  } catch {
    return [];
  }
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    return [];
  }
  const root = config as Record<string, unknown>;
  const declared = Array.isArray(root.stages)
    ? root.stages.filter((s): s is string => typeof s === 'string')
    : DEFAULT_STAGES;
  const stages = [
    '.pre',
    ...declared.filter(s => s !== '.pre' && s !== '.post'),
    '.post',
  ];
  const jobs: CiJobDefinition[] = [];
  for (const [name, value] of Object.entries(root)) {
    if (KEYWORDS.has(name) || name.startsWith('.')) continue;
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const job = value as Record<string, unknown>;
    if (!('script' in job || 'run' in job || 'trigger' in job)) continue;
    const stage = typeof job.stage === 'string' ? job.stage : 'test';
    const stageIndex = stages.indexOf(stage);
    if (stageIndex < 0) return [];
    jobs.push({
      name,
      stage,
      stageIndex,
      allowFailure: job.allow_failure === true,
    });
  }
  return jobs.sort((a, b) => a.stageIndex - b.stageIndex);
}
