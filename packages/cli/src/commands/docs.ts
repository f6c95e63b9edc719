/** `pyvider docs`: registry docs from the provider schema, in terraform-plugin-docs' layout. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "../cli/command.js";
import { stringOption } from "../cli/command.js";
import { CliError, messageOf } from "../cli/errors.js";
import { checkDocs, generateDocs, orphans, writeDocs } from "../docs/generate.js";
import { projectDirOf, SCHEMA_SOURCE_OPTIONS, schemaFromOptions } from "./schema-source.js";

function providerTypeOf(dir: string, explicit: string | undefined): string {
  if (explicit) return explicit;
  const pkgFile = join(dir, "package.json");
  if (existsSync(pkgFile)) {
    try {
      const type = JSON.parse(readFileSync(pkgFile, "utf8"))?.pyvider?.type;
      if (typeof type === "string") return type;
    } catch {
      // fall through to the error
    }
  }
  throw new CliError("cannot tell the provider type name", {
    details: [
      'run inside a project whose package.json has "pyvider": { "type": ... }, or pass --provider-type <name>',
    ],
  });
}

/** The `docs` command. */
export const docsCommand: Command = {
  name: "docs",
  summary: "generate registry documentation (docs/) from the provider schema",
  usage: "docs [--schema <file.json>] [--check] [options]",
  description:
    "Writes docs/index.md, docs/resources/, docs/data-sources/, docs/ephemeral-resources/, docs/list-resources/,\n" +
    "docs/actions/ and docs/functions/ in terraform-plugin-docs' layout, with examples taken from\n" +
    "examples/<kind>/<name>/ (resource.tf, data-source.tf, import.sh, import-by-string-id.tf, ...).\n" +
    "With --check nothing is written: it exits 1 and lists the stale files when docs/ is out of date.",
  options: {
    ...SCHEMA_SOURCE_OPTIONS,
    check: { type: "boolean", description: "fail (exit 1) when the committed docs are stale; write nothing" },
    "provider-type": {
      type: "string",
      value: "<name>",
      description: "provider type name (default: package.json pyvider.type)",
    },
    "provider-name": {
      type: "string",
      value: "<name>",
      description: "name shown in page titles (default: terraform-provider-<type>)",
    },
  },
  examples: [
    ["pyvider docs", "run the provider, ask for its schema and write docs/"],
    ["pyvider docs --schema schema.json", "use a schema dumped earlier (tofu providers schema -json)"],
    ["pyvider docs --check", "in CI: fail when docs/ is stale"],
  ],
  async run(ctx) {
    const { out } = ctx;
    const dir = projectDirOf(ctx);
    const providerType = providerTypeOf(dir, stringOption(ctx.values, "provider-type"));
    const doc = await schemaFromOptions(ctx, out);
    let files: ReturnType<typeof generateDocs>;
    try {
      files = generateDocs(doc, {
        providerType,
        projectDir: dir,
        providerName: stringOption(ctx.values, "provider-name"),
      });
    } catch (error) {
      throw new CliError(`cannot render the docs: ${messageOf(error)}`);
    }
    if (ctx.values.check) {
      const stale = checkDocs(dir, files);
      out.result({ ok: stale.length === 0, stale, files: [...files.keys()] });
      if (stale.length === 0) {
        out.success(`docs are up to date (${files.size} files)`);
        return 0;
      }
      out.error(
        `docs are stale (${stale.length} of ${files.size} files); run \`pyvider docs\``,
        stale.map((s) => `${s.reason.padEnd(8)} ${s.path}`),
      );
      return 1;
    }
    const written = writeDocs(dir, files);
    const orphaned = orphans(dir, files);
    out.result({ written, unchanged: [...files.keys()].filter((f) => !written.includes(f)), orphaned });
    for (const f of written) out.line(`  ${out.style("green", "wrote")} ${f}`);
    for (const f of orphaned)
      out.warn(`${f} was generated earlier but no component produces it now; delete it`);
    out.success(`${files.size} pages in ${join(dir, "docs")} (${written.length} changed)`);
    return 0;
  },
};
