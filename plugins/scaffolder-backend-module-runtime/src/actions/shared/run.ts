import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';

/**
 * What one run of a provisioning action needs from its caller: a scaffolder task's `ActionContext`
 * fits it as it is; the actions registry (MCP clients) builds one with `registryRun`. Each action's
 * logic is written once against this, so both callers get the same checks and the same effects.
 */
export interface RuntimeActionRun {
  /** The raw input; each action parses it with its own schema. */
  input: unknown;
  logger: LoggerService;
  /** Secret values (never logged or output); only `runtime:secret:create` reads them. */
  secrets?: Record<string, string>;
  /** Only report what would be done. */
  isDryRun?: boolean;
  signal?: AbortSignal;
  /** The initiator, for the audit record. */
  user?: { ref?: string };
  /** The scaffolder task, for the audit record (none for a registry call). */
  task?: { id: string };
  /** The caller's credentials: the permission check is made with them. */
  getInitiatorCredentials(): Promise<BackstageCredentials>;
  /** Runs `fn` once per task (the scaffolder records the result for a retried task). */
  checkpoint<T extends JsonValue | void>(opts: {
    key: string;
    fn: () => Promise<T> | T;
  }): Promise<T>;
}

/**
 * A run for a call through the actions registry: the registry's credentials and logger, no
 * scaffolder task (a checkpoint simply runs its function).
 */
export function registryRun(opts: {
  input: unknown;
  credentials: BackstageCredentials;
  logger: LoggerService;
  secrets?: Record<string, string>;
  dryRun?: boolean;
}): RuntimeActionRun {
  return {
    input: opts.input,
    logger: opts.logger,
    secrets: opts.secrets,
    isDryRun: opts.dryRun ?? false,
    user: { ref: principalRef(opts.credentials) },
    getInitiatorCredentials: async () => opts.credentials,
    checkpoint: async ({ fn }) => fn(),
  };
}

function principalRef(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal?.type === 'user') return principal.userEntityRef;
  if (principal?.type === 'service') return principal.subject;
  return undefined;
}
