/**
 * The `pyvider` program: finds the command, parses its flags, runs it and
 * turns every failure into a message and a non-zero exit code.
 */
import type { Writable } from "node:stream";
import { VERSION } from "../version.js";
import { type Command, commandHelp, parseCommandArgs } from "./command.js";
import { CliError, messageOf } from "./errors.js";
import { Output } from "./output.js";

/** Commands by name, loaded on demand so that start-up stays fast. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  new: {
    summary: "scaffold a new provider project",
    load: async () => (await import("../commands/new.js")).newCommand,
  },
  build: {
    summary: "bundle the provider into one executable file and time its start-up",
    load: async () => (await import("../commands/build.js")).buildCommand,
  },
  install: {
    summary: "install the build into a filesystem mirror and write a CLI config (dev_overrides)",
    load: async () => (await import("../commands/install.js")).installCommand,
  },
  docs: {
    summary: "generate registry documentation from the provider schema",
    load: async () => (await import("../commands/docs.js")).docsCommand,
  },
  schema: {
    summary: "print the provider schema as JSON",
    load: async () => (await import("../commands/schema.js")).schemaCommand,
  },
  "schema diff": {
    summary: "list breaking changes between two schema JSON files (exit 1 if any)",
    load: async () => (await import("../commands/schema.js")).schemaDiffCommand,
  },
  release: {
    summary: "build registry release artifacts: zips, SHA256SUMS, manifest, signature",
    load: async () => (await import("../commands/release.js")).releaseCommand,
  },
};

/** Where the program reads and writes. */
export interface RunIo {
  /** Standard output. */
  stdout?: Writable & { isTTY?: boolean };
  /** Standard error. */
  stderr?: Writable & { isTTY?: boolean };
  /** Working directory. */
  cwd?: string;
  /** Environment. */
  env?: NodeJS.ProcessEnv;
}

function programHelp(out: Output): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  const lines = [
    `${out.style("bold", "pyvider")} ${VERSION} — build, document, install and release Terraform/OpenTofu providers written in TypeScript`,
    "",
    `${out.style("bold", "Usage:")} pyvider <command> [options]`,
    "",
    out.style("bold", "Commands:"),
    ...names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n]?.summary ?? ""}`),
    "",
    "Run `pyvider <command> --help` for a command's options and examples.",
    "Every command takes --json (machine-readable output on stdout) and --no-color.",
  ];
  return `${lines.join("\n")}\n`;
}

/** Runs the program with `argv` (without `node` and the script); resolves to the exit code. */
export async function run(argv: readonly string[], io: RunIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  const json = argv.includes("--json");
  const color = argv.includes("--no-color") ? false : argv.includes("--color") ? true : undefined;
  const out = new Output({ stdout, stderr, json, env, ...(color === undefined ? {} : { color }) });
  const [first, second] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    out.raw(programHelp(out));
    return 0;
  }
  if (first === "--version" || first === "-v") {
    out.raw(json ? `${JSON.stringify({ version: VERSION })}\n` : `${VERSION}\n`);
    return 0;
  }
  const name = first === "schema" && second === "diff" ? "schema diff" : first;
  const entry = COMMANDS[name];
  if (!entry) {
    out.error(`unknown command "${first}"`, ["run `pyvider --help` for the list of commands"]);
    return 2;
  }
  const rest = argv.slice(name.split(" ").length);
  try {
    const command = await entry.load();
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help) {
      out.raw(commandHelp(command, out));
      return 0;
    }
    return await command.run({ values, positionals, out, cwd, env });
  } catch (error) {
    if (error instanceof CliError) {
      out.error(error.message, error.details);
      if (json) out.result({ error: error.message, details: error.details });
      return error.exitCode;
    }
    out.error(`unexpected failure in \`pyvider ${name}\`: ${messageOf(error)}`);
    if (env.PYVIDER_DEBUG && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
    if (json) out.result({ error: messageOf(error) });
    return 1;
  }
}
