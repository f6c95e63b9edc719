/** The `--schema` / `--provider` options shared by `docs` and `schema`, and how they pick a source. */
import { resolve } from "node:path";
import type { CommandContext, OptionSpec } from "../cli/command.js";
import { stringOption } from "../cli/command.js";
import { UsageError } from "../cli/errors.js";
import type { Output } from "../cli/output.js";
import type { ProvidersSchemaJson } from "../schema/json-types.js";
import { loadProviderSchema, readSchemaFile } from "../schema/load.js";

/** Options shared by commands that need the provider schema. */
export const SCHEMA_SOURCE_OPTIONS: Record<string, OptionSpec> = {
  schema: {
    type: "string",
    value: "<file.json>",
    description:
      "read the schema from this file (output of `tofu providers schema -json`) instead of running the provider",
  },
  provider: {
    type: "string",
    value: "<executable>",
    description: "run this provider executable (e.g. a `pyvider build` output) instead of the project entry",
  },
  module: {
    type: "string",
    value: "<file>",
    description:
      "import this module (exporting buildProvider(...) or the definitions) and ask @pyvider/hub, without starting the provider",
  },
  dir: {
    type: "string",
    value: "<dir>",
    description: "the provider project directory (default: current directory)",
  },
};

/** The project directory from `--dir` or the working directory. */
export function projectDirOf(ctx: CommandContext): string {
  return resolve(ctx.cwd, stringOption(ctx.values, "dir") ?? ".");
}

/** Loads the schema from `--schema` or by running the provider. */
export async function schemaFromOptions(ctx: CommandContext, out: Output): Promise<ProvidersSchemaJson> {
  const file = stringOption(ctx.values, "schema");
  if (file) return readSchemaFile(resolve(ctx.cwd, file));
  const provider = stringOption(ctx.values, "provider");
  const module = stringOption(ctx.values, "module");
  if (provider && module) throw new UsageError("--provider and --module exclude each other");
  return out.step(module ? `Reading the schema from ${module}` : "Reading the schema from the provider", () =>
    loadProviderSchema(projectDirOf(ctx), {
      ...(provider ? { provider: resolve(ctx.cwd, provider) } : {}),
      ...(module ? { module: resolve(ctx.cwd, module) } : {}),
    }),
  );
}
