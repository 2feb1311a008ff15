import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
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
  /** The task's step (a task may run one action in two steps). */
  step?: { id?: string };
  /** The caller's credentials: the permission check is made with them. */
  getInitiatorCredentials(): Promise<BackstageCredentials>;
  /** Runs `fn` once per task (the scaffolder records the result for a retried task). */
  checkpoint<T extends JsonValue | void>(opts: {
    key: string;
    fn: () => Promise<T> | T;
  }): Promise<T>;
  /**
   * Set on a run the portal itself makes in-process ({@link systemRun}); honoured only on a run
   * `systemRun` made (see {@link systemReasonOf}), never on a scaffolder task's or registry call's.
   */
  readonly system?: SystemRunReason;
}

/** Why the portal runs an action itself, with no user asking: `expired` (the expiry task). */
export interface SystemRunReason {
  reason: 'expired';
}

/** Who the audit records as the initiator of a {@link systemRun}. */
export const SYSTEM_RUN_INITIATOR = 'system';

/** The runs {@link systemRun} made: only these act as the portal. */
const systemRuns = new WeakSet<RuntimeActionRun>();

/**
 * A run the portal makes in-process (the expiry task retiring an expired resource): it acts as the
 * portal, so `runProvisioningAction` skips the caller's permission, act-for and approval steps and
 * keeps the service-owner and namespace checks and everything in `provision` (the upstream claim
 * check among them). Only a run made here counts: a scaffolder task or a registry call carrying a
 * `system` field does not, and nothing from a template's or a caller's input reaches it. Not a dry
 * run; checkpoints simply run their function.
 */
export function systemRun(opts: {
  input: unknown;
  logger: LoggerService;
  reason: SystemRunReason['reason'];
  signal?: AbortSignal;
}): RuntimeActionRun {
  const run: RuntimeActionRun = Object.freeze({
    input: opts.input,
    logger: opts.logger,
    isDryRun: false,
    signal: opts.signal,
    user: Object.freeze({ ref: SYSTEM_RUN_INITIATOR }),
    system: Object.freeze({ reason: opts.reason }),
    getInitiatorCredentials: async (): Promise<BackstageCredentials> => {
      throw new NotAllowedError('A system run has no initiator credentials');
    },
    checkpoint: async <T extends JsonValue | void>({
      fn,
    }: {
      key: string;
      fn: () => Promise<T> | T;
    }) => fn(),
  });
  systemRuns.add(run);
  return run;
}

/** The reason of a run {@link systemRun} made; `undefined` for any other run, whatever it carries. */
export function systemReasonOf(
  run: RuntimeActionRun,
): SystemRunReason | undefined {
  return systemRuns.has(run) ? run.system : undefined;
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
