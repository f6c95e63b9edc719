/**
 * The provider's schema as the real binary sees it (`providers schema -json`), for snapshots
 * that catch unexpected schema changes end to end.
 *
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findBinary, identifyBinary, type TfBinary } from "./binary.js";
import { commandFailure } from "./errors.js";
import { type ProviderUnderTest, prepareProvider } from "./provider-source.js";
import { WorkDir } from "./workdir.js";

/** Options of {@link readProviderSchema}. */
export interface ReadProviderSchemaOptions {
  /** The provider. */
  readonly provider: ProviderUnderTest;
  /** The binary (default: found with `findBinary`). */
  readonly binary?: string | TfBinary;
}

/**
 * Runs `providers schema -json` for the provider and returns its entry (`provider`,
 * `resource_schemas`, `data_source_schemas`, `functions`, ...).
 * @throws AcceptanceError with the command's output when the binary fails
 */
export async function readProviderSchema(
  options: ReadProviderSchemaOptions,
): Promise<Record<string, unknown>> {
  const binary =
    options.binary === undefined
      ? await findBinary()
      : typeof options.binary === "string"
        ? await identifyBinary(options.binary)
        : options.binary;
  const binRoot = mkdtempSync(join(tmpdir(), "pyvider-schema-bin-"));
  const p = await prepareProvider(options.provider, binary, binRoot);
  const work = WorkDir.create({ binary, devOverrides: p.devOverrides, env: p.env });
  try {
    const local = p.address.split("/").pop()!;
    work.writeConfig({
      "main.tf": `terraform {\n  required_providers {\n    ${local} = { source = ${JSON.stringify(p.shortSource)} }\n  }\n}\n`,
    });
    if (p.mode !== "executable") {
      const init = await work.run(["init", "-no-color", "-input=false"]);
      if (init.code !== 0) throw commandFailure(undefined, "providers schema: init failed", init, p.logs);
    }
    const r = await work.run(["providers", "schema", "-json"]);
    if (r.code !== 0) throw commandFailure(undefined, "providers schema failed", r, p.logs);
    const all = JSON.parse(r.stdout) as { provider_schemas?: Record<string, Record<string, unknown>> };
    const entry = all.provider_schemas?.[p.address];
    if (entry === undefined) {
      throw new Error(
        `providers schema -json has no entry for ${p.address} (it has ${Object.keys(all.provider_schemas ?? {}).join(", ")})`,
      );
    }
    return entry;
  } finally {
    await p.close().catch(() => {});
    work.dispose();
    rmSync(binRoot, { recursive: true, force: true });
  }
}
