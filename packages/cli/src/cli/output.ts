/**
 * Terminal output: colours (off unless stdout is a TTY, honouring NO_COLOR and
 * FORCE_COLOR), status lines on stderr, a spinner for long steps, and a JSON
 * mode in which stdout carries exactly one JSON document.
 */
import type { Writable } from "node:stream";

/** Where a command writes, and how. */
export interface OutputOptions {
  /** Standard output. */
  stdout: Writable & { isTTY?: boolean };
  /** Standard error. */
  stderr: Writable & { isTTY?: boolean };
  /** Print machine-readable JSON on stdout instead of human text. */
  json: boolean;
  /** Force colours on or off; default: detect. */
  color?: boolean;
  /** The environment (for NO_COLOR / FORCE_COLOR / CI). */
  env?: NodeJS.ProcessEnv;
}

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  cyan: [36, 39],
} as const;

/** A colour or weight name. */
export type Style = keyof typeof CODES;

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** Decides whether to colour a stream. */
export function detectColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false") return true;
  return stream.isTTY === true && env.TERM !== "dumb";
}

/** The output of one command run. */
export class Output {
  /** True in `--json` mode. */
  readonly json: boolean;
  private readonly stdout: OutputOptions["stdout"];
  private readonly stderr: OutputOptions["stderr"];
  private readonly colorOut: boolean;
  private readonly colorErr: boolean;
  private readonly interactive: boolean;

  /** Creates the output. */
  constructor(options: OutputOptions) {
    const env = options.env ?? process.env;
    this.json = options.json;
    this.stdout = options.stdout;
    this.stderr = options.stderr;
    this.colorOut = options.color ?? detectColor(options.stdout, env);
    this.colorErr = options.color ?? detectColor(options.stderr, env);
    this.interactive = options.stderr.isTTY === true && !env.CI;
  }

  /** Wraps text in a style when colours are on for stdout. */
  style(style: Style, text: string): string {
    return this.colorOut ? paint(style, text) : text;
  }

  private errStyle(style: Style, text: string): string {
    return this.colorErr ? paint(style, text) : text;
  }

  /** Writes a line of human output to stdout (suppressed in JSON mode). */
  line(text = ""): void {
    if (!this.json) this.stdout.write(`${text}\n`);
  }

  /** Writes raw text to stdout, in any mode (used for documents such as a schema dump). */
  raw(text: string): void {
    this.stdout.write(text);
  }

  /** Writes the JSON result document (only in JSON mode). */
  result(value: unknown): void {
    if (this.json) this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** A success line (✓) on stdout. */
  success(text: string): void {
    this.line(`${this.style("green", "✓")} ${text}`);
  }

  /** A status line on stderr (not in JSON mode). */
  info(text: string): void {
    if (!this.json) this.stderr.write(`${this.errStyle("cyan", "›")} ${text}\n`);
  }

  /** A warning on stderr (also in JSON mode). */
  warn(text: string): void {
    this.stderr.write(`${this.errStyle("yellow", "warning:")} ${text}\n`);
  }

  /** An error message with optional detail lines on stderr. */
  error(text: string, details: readonly string[] = []): void {
    this.stderr.write(`${this.errStyle("red", "error:")} ${text}\n`);
    for (const d of details) this.stderr.write(`  ${d}\n`);
  }

  /**
   * Runs a long step with progress on stderr: a spinner on an interactive
   * terminal, otherwise one line when it starts; a ✓ or ✗ line with the
   * elapsed time when it ends. Nothing is printed in JSON mode.
   */
  async step<T>(label: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const elapsed = () => `${Math.round(performance.now() - started)} ms`;
    if (this.json) return work();
    let timer: NodeJS.Timeout | undefined;
    if (this.interactive) {
      let frame = 0;
      const draw = () => {
        this.stderr.write(`\r${this.errStyle("cyan", SPINNER[frame % SPINNER.length] ?? "-")} ${label}`);
        frame++;
      };
      draw();
      timer = setInterval(draw, 80);
      timer.unref();
    } else {
      this.stderr.write(`${this.errStyle("cyan", "›")} ${label}…\n`);
    }
    const clear = () => {
      if (timer) clearInterval(timer);
      if (this.interactive) this.stderr.write("\r\x1b[2K");
    };
    try {
      const value = await work();
      clear();
      this.stderr.write(
        `${this.errStyle("green", "✓")} ${label} ${this.errStyle("dim", `(${elapsed()})`)}\n`,
      );
      return value;
    } catch (error) {
      clear();
      this.stderr.write(`${this.errStyle("red", "✗")} ${label} ${this.errStyle("dim", `(${elapsed()})`)}\n`);
      throw error;
    }
  }
}

function paint(style: Style, text: string): string {
  const [open, close] = CODES[style];
  return `\x1b[${open}m${text}\x1b[${close}m`;
}
