/**
 * The error type every command throws for an expected failure: it carries the
 * message to print and the process exit code.
 */

/** A failure with a message meant for the user and an exit code (default 1). */
export class CliError extends Error {
  /** The process exit code. */
  readonly exitCode: number;
  /** Extra lines printed under the message (hints, file lists). */
  readonly details: readonly string[];
  /** Creates the error. */
  constructor(
    message: string,
    options: { exitCode?: number; details?: readonly string[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CliError";
    this.exitCode = options.exitCode ?? 1;
    this.details = options.details ?? [];
  }
}

/** Usage errors (bad flags, missing arguments) exit with 2, like most Unix tools. */
export class UsageError extends CliError {
  /** Creates the error. */
  constructor(message: string) {
    super(message, { exitCode: 2 });
    this.name = "UsageError";
  }
}

/** The message of any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
