/** `pyvider schema` and `pyvider schema diff`. */

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "../cli/command.js";
import { stringOption } from "../cli/command.js";
import { CliError, messageOf, UsageError } from "../cli/errors.js";
import type { Output } from "../cli/output.js";
import { diffSchemas, type SchemaChange } from "../schema/diff.js";
import { readSchemaFile } from "../schema/load.js";
import { SCHEMA_SOURCE_OPTIONS, schemaFromOptions } from "./schema-source.js";

/** The `schema` command: dumps the schema JSON. */
export const schemaCommand: Command = {
  name: "schema",
  summary: "print the provider schema as JSON (the shape of `tofu providers schema -json`)",
  usage: "schema [--out <file>] [options] | schema diff <old.json> <new.json>",
  description:
    "Starts the provider, calls GetProviderSchema and prints the document. See also `pyvider schema diff --help`.",
  options: {
    ...SCHEMA_SOURCE_OPTIONS,
    out: { type: "string", short: "o", value: "<file>", description: "write to this file instead of stdout" },
  },
  examples: [
    ["pyvider schema > schema.json", "dump the schema of the provider in the current project"],
    [
      "pyvider schema --provider ./dist/terraform-provider-kv_v1.0.0 -o schema.json",
      "dump a built provider's schema",
    ],
  ],
  async run(ctx) {
    const doc = await schemaFromOptions(ctx, ctx.out);
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    const file = stringOption(ctx.values, "out");
    if (file) {
      writeFileSync(resolve(ctx.cwd, file), text);
      ctx.out.info(`wrote ${file}`);
    } else ctx.out.raw(text);
    return 0;
  },
};

function printChanges(out: Output, title: string, changes: SchemaChange[], breaking: boolean): void {
  if (changes.length === 0) return;
  out.line(out.style("bold", title));
  for (const c of changes) {
    const mark = breaking ? out.style("red", "✗") : out.style("green", "+");
    out.line(`  ${mark} ${c.path}: ${c.message} ${out.style("dim", `[${c.rule}]`)}`);
  }
  out.line();
}

/** The `schema diff` command. */
export const schemaDiffCommand: Command = {
  name: "schema diff",
  summary: "list breaking and compatible changes between two schema JSON files",
  usage: "schema diff <old.json> <new.json> [--json]",
  description:
    "Breaking: removed resources, data sources, functions, attributes or blocks; new required attributes or blocks;\n" +
    "optional turned required; type changes; computed dropped from optional+computed; arguments turned read-only;\n" +
    "new forced replacement (when the JSON says so); nesting mode changes; max_items lowered, min_items raised;\n" +
    "function signature changes. Exits 1 when there is any breaking change, else 0.",
  options: {},
  examples: [
    ["pyvider schema diff old.json new.json", "compare the released schema with the current one"],
    [
      "git show v1.0.0:schema.json > /tmp/old.json && pyvider schema > /tmp/new.json && pyvider schema diff /tmp/old.json /tmp/new.json",
      "compare with a tagged release",
    ],
  ],
  async run(ctx) {
    const [oldFile, newFile, ...rest] = ctx.positionals;
    if (!oldFile || !newFile || rest.length > 0)
      throw new UsageError("schema diff takes exactly two files: <old.json> <new.json>");
    const oldDoc = readSchemaFile(resolve(ctx.cwd, oldFile));
    const newDoc = readSchemaFile(resolve(ctx.cwd, newFile));
    let diff: ReturnType<typeof diffSchemas>;
    try {
      diff = diffSchemas(oldDoc, newDoc);
    } catch (error) {
      throw new CliError(`cannot compare the schemas: ${messageOf(error)}`);
    }
    const { out } = ctx;
    out.result({ breaking: diff.breaking, non_breaking: diff.nonBreaking });
    printChanges(out, `Breaking changes (${diff.breaking.length}):`, diff.breaking, true);
    printChanges(out, `Compatible changes (${diff.nonBreaking.length}):`, diff.nonBreaking, false);
    if (diff.breaking.length > 0) {
      out.line(out.style("red", `${diff.breaking.length} breaking change(s)`));
      return 1;
    }
    out.success(diff.nonBreaking.length === 0 ? "no changes" : "no breaking changes");
    return 0;
  },
};
