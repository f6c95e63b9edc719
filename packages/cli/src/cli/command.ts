/**
 * The shape of a command: its flags (parsed with node:util `parseArgs`), its
 * help text, and the function that runs it.
 */
import { parseArgs } from "node:util";
import { UsageError } from "./errors.js";
import type { Output } from "./output.js";

/** One flag of a command. */
export interface OptionSpec {
  /** `string` takes a value; `boolean` is a switch. */
  type: "string" | "boolean";
  /** One-letter alias. */
  short?: string;
  /** The value's placeholder in help, e.g. `<dir>`. */
  value?: string;
  /** What it does. */
  description: string;
  /** May be given several times (strings only). */
  multiple?: boolean;
}

/** What a command's `run` gets. */
export interface CommandContext {
  /** Parsed flag values (strings, booleans or string arrays for `multiple`). */
  values: Record<string, string | boolean | string[] | undefined>;
  /** Positional arguments. */
  positionals: string[];
  /** The output. */
  out: Output;
  /** The working directory. */
  cwd: string;
  /** The environment. */
  env: NodeJS.ProcessEnv;
}

/** A command of the `pyvider` program. */
export interface Command {
  /** Its name (`"schema diff"` for a subcommand). */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage line after `pyvider`. */
  usage: string;
  /** A paragraph of detail. */
  description?: string;
  /** Flags, by long name. */
  options: Record<string, OptionSpec>;
  /** Example invocations with a comment each. */
  examples: ReadonlyArray<readonly [string, string]>;
  /** Runs the command; resolves to the exit code. */
  run(context: CommandContext): Promise<number>;
}

/** Flags every command accepts. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  json: { type: "boolean", description: "print a JSON document on stdout instead of text" },
  "no-color": { type: "boolean", description: "never colour the output" },
  color: { type: "boolean", description: "always colour the output" },
  help: { type: "boolean", short: "h", description: "show this help" },
};

/** Parses a command's arguments, turning parse errors into usage errors. */
export function parseCommandArgs(
  command: Command,
  args: readonly string[],
): { values: CommandContext["values"]; positionals: string[] } {
  const all = { ...command.options, ...GLOBAL_OPTIONS };
  const options: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(all)) {
    options[name] = { type: spec.type };
    if (spec.short) options[name].short = spec.short;
    if (spec.multiple) options[name].multiple = true;
  }
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: parsed.values as CommandContext["values"], positionals: parsed.positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new UsageError(`${message ?? "invalid arguments"} (see \`pyvider ${command.name} --help\`)`);
  }
}

/** Renders the help text of a command. */
export function commandHelp(command: Command, out: Output): string {
  const lines: string[] = [];
  lines.push(`${out.style("bold", `pyvider ${command.name}`)} — ${command.summary}`);
  lines.push("");
  lines.push(`${out.style("bold", "Usage:")} pyvider ${command.usage}`);
  if (command.description) {
    lines.push("");
    lines.push(command.description);
  }
  const renderOptions = (title: string, specs: Record<string, OptionSpec>) => {
    const entries = Object.entries(specs);
    if (entries.length === 0) return;
    lines.push("");
    lines.push(out.style("bold", title));
    const labels = entries.map(([name, spec]) => {
      const short = spec.short ? `-${spec.short}, ` : "    ";
      const value = spec.type === "string" ? ` ${spec.value ?? "<value>"}` : "";
      return `${short}--${name}${value}`;
    });
    const width = Math.max(...labels.map((l) => l.length));
    entries.forEach(([, spec], i) => {
      lines.push(`  ${(labels[i] ?? "").padEnd(width)}  ${spec.description}`);
    });
  };
  renderOptions("Options:", command.options);
  renderOptions("Global options:", GLOBAL_OPTIONS);
  if (command.examples.length > 0) {
    lines.push("");
    lines.push(out.style("bold", "Examples:"));
    for (const [example, comment] of command.examples) {
      lines.push(`  ${out.style("dim", `# ${comment}`)}`);
      lines.push(`  $ ${example}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** A string flag's value, or undefined. */
export function stringOption(values: CommandContext["values"], name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

/** A string flag given several times (or comma-separated), as a flat list. */
export function listOption(values: CommandContext["values"], name: string): string[] | undefined {
  const v = values[name];
  if (v === undefined || typeof v === "boolean") return undefined;
  const items = Array.isArray(v) ? v : [v];
  return items
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter((s) => s !== "");
}
