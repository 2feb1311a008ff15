import { FinishedTask, TemplatesBackend } from './startTemplatesBackend';

/** A task's event, as `GET /api/scaffolder/v2/tasks/:id/events` lists it. */
interface TaskEvent {
  type: string;
  body: any;
}

/** The template output of a finished task (its completion event): its links and texts. */
export function taskOutput(finished: FinishedTask): {
  links: Array<{ title?: string; url?: string; entityRef?: string }>;
  text: Array<{ title: string; content: string }>;
} {
  const events: TaskEvent[] = JSON.parse(finished.log);
  const output = events.find(e => e.type === 'completion')?.body?.output;
  return { links: output?.links ?? [], text: output?.text ?? [] };
}

/** A text output of a finished task, by title. */
export function textOutput(
  finished: FinishedTask,
  title: string,
): string | undefined {
  return taskOutput(finished).text.find(t => t.title === title)?.content;
}

/** The URL of a finished task's output link, by title. */
export function linkOutput(
  finished: FinishedTask,
  title: string,
): string | undefined {
  return taskOutput(finished).links.find(l => l.title === title)?.url;
}

/** Why a task did not complete: its error event, else its whole log; undefined once completed. */
function taskFailure(finished: FinishedTask): string | undefined {
  if (finished.task.status === 'completed') return undefined;
  return finished.log.match(/"error":\{[^}]*\}/)?.[0] ?? finished.log;
}

/**
 * Runs a template as the portal's search-team member and expects the task to complete, showing
 * the task's error when it does not; the finished task.
 */
export async function completes(
  portal: TemplatesBackend,
  templateRef: string,
  values: object,
  secrets?: object,
): Promise<FinishedTask> {
  const finished = await portal.run(templateRef, values, secrets);
  expect({
    templateRef,
    status: finished.task.status,
    error: taskFailure(finished),
  }).toEqual({ templateRef, status: 'completed', error: undefined });
  return finished;
}
