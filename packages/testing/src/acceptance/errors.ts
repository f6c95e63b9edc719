/**
 * Failure messages of acceptance tests: which step, which command, the relevant output of the
 * binary, and for failed checks the attribute path with expected and actual values.
 *
 * @module
 */
import type { CommandResult } from "./workdir.js";

/** The most output lines a message shows. */
const MAX_LINES = 60;

/** Strips the diagnostic box drawing Terraform and OpenTofu print (`╷ │ ╵`), keeping the text. */
export function stripBox(text: string): string {
  return text
    .split("\n")
    .filter((l) => !/^\s*[╷╵]\s*$/.test(l))
    .map((l) => l.replace(/^\s*│ ?/, ""))
    .join("\n");
}

/** The output with the box removed and all whitespace runs collapsed (undoes line wrapping). */
export function normalizeOutput(text: string): string {
  return stripBox(text).replace(/\s+/g, " ").trim();
}

/** True when the command's output matches `re` (as printed, or with wrapping undone). */
export function outputMatches(result: CommandResult, re: RegExp): boolean {
  const all = `${result.stderr}\n${result.stdout}`;
  return re.test(all) || re.test(stripBox(all)) || re.test(normalizeOutput(all));
}

/** The relevant part of a command's output: its errors and warnings, else its tail. */
export function relevantOutput(result: CommandResult): string {
  const text = stripBox(
    `${result.stderr.trim()}\n${result.stderr.trim() === "" ? result.stdout.trim() : ""}`,
  ).trim();
  const lines = text.split("\n");
  const first = lines.findIndex((l) => /^(Error|Warning): /.test(l));
  const picked = first >= 0 ? lines.slice(first) : lines.slice(-MAX_LINES);
  const shown = picked.slice(0, MAX_LINES);
  if (picked.length > shown.length) shown.push(`... (${picked.length - shown.length} more lines)`);
  return shown.map((l) => `  ${l}`).join("\n");
}

/** Where a failure happened. */
export interface FailureContext {
  /** 1-based step number. */
  readonly step: number;
  /** Number of steps. */
  readonly of: number;
  /** The step's name or kind. */
  readonly label: string;
  /** The working directory. */
  readonly dir: string;
  /** The binary's name and version, e.g. `OpenTofu 1.12.6`. */
  readonly binary: string;
}

/** An acceptance test failure. */
export class AcceptanceError extends Error {
  /**
   * @param message the full message
   * @param context where it happened
   * @param command the command that failed, if any
   */
  constructor(
    message: string,
    readonly context: FailureContext | undefined,
    readonly command: CommandResult | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AcceptanceError";
  }
}

function header(ctx: FailureContext | undefined, what: string): string {
  if (ctx === undefined) return what;
  if (ctx.label === "destroy") return `final destroy (after step ${ctx.step}/${ctx.of}) ${what}`;
  return `step ${ctx.step}/${ctx.of} (${ctx.label}) ${what}`;
}

/** A failed command. */
export function commandFailure(
  ctx: FailureContext | undefined,
  what: string,
  result: CommandResult,
  logs: readonly string[] = [],
): AcceptanceError {
  const lines = [
    header(ctx, what),
    `command: ${result.command} (exit ${result.code ?? "killed"})`,
    ...(ctx === undefined ? [] : [`binary: ${ctx.binary}`, `working directory: ${ctx.dir}`]),
    "output:",
    relevantOutput(result),
  ];
  const errorLogs = logs.filter((l) => /^\[(error|warn)\]/.test(l)).slice(-10);
  if (errorLogs.length > 0)
    lines.push("provider log (errors and warnings):", ...errorLogs.map((l) => `  ${l}`));
  return new AcceptanceError(lines.join("\n"), ctx, result);
}

/** A failed check or expectation (no command output needed). */
export function checkFailure(
  ctx: FailureContext | undefined,
  what: string,
  cause: unknown,
  command?: CommandResult,
): AcceptanceError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const lines = [header(ctx, what), reason];
  if (command !== undefined) lines.push(`after: ${command.command}`);
  if (ctx !== undefined) lines.push(`binary: ${ctx.binary}`, `working directory: ${ctx.dir}`);
  return new AcceptanceError(lines.join("\n"), ctx, command, { cause });
}
