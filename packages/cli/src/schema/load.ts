/**
 * Getting a provider's schema JSON: from a file (`--schema <file>`), or from
 * the provider itself, started as Terraform would start it and asked
 * `GetProviderSchema` (and `GetResourceIdentitySchemas`) over the protocol.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CliError, messageOf } from "../cli/errors.js";
import { loadProject, providerAddress } from "../project/project.js";
import { schemaDocumentFromProto } from "./from-proto.js";
import type { ProvidersSchemaJson } from "./json-types.js";

/** Reads and minimally validates a schema JSON file. */
export function readSchemaFile(file: string): ProvidersSchemaJson {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`cannot read schema file ${file}: ${messageOf(error)}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${messageOf(error)}`);
  }
  if (
    !doc ||
    typeof doc !== "object" ||
    !("provider_schemas" in doc) ||
    typeof doc.provider_schemas !== "object"
  ) {
    throw new CliError(`${file} is not a provider schema document`, {
      details: [
        'expected the output of `tofu providers schema -json`: {"format_version": "1.0", "provider_schemas": {...}}',
      ],
    });
  }
  return doc as ProvidersSchemaJson;
}

/** How to start the provider: the command and its arguments. */
export interface ProviderCommand {
  /** Executable. */
  command: string;
  /** Arguments. */
  args: string[];
}

/**
 * The command that runs a provider entry module: `node <entry>` for
 * JavaScript, `node --import tsx <entry>` for TypeScript (tsx resolved from
 * the project, else from this CLI's own dependencies), or the file itself
 * when it is an executable without a JS extension (a built provider).
 */
export function providerCommand(entry: string, projectDir: string): ProviderCommand {
  if (!existsSync(entry)) {
    throw new CliError(`the provider entry ${entry} does not exist`, {
      details: [
        'set "pyvider.entry" in package.json, or run `pyvider build` and pass --provider <executable>',
      ],
    });
  }
  if (/\.(c|m)?ts$/.test(entry)) {
    const tsx = resolveFrom(["tsx/esm"], [join(projectDir, "package.json"), import.meta.url]);
    if (!tsx) {
      throw new CliError(
        "running a TypeScript entry needs tsx; add it to the project (npm i -D tsx) or build first",
      );
    }
    return { command: process.execPath, args: ["--import", pathToFileURL(tsx).href, entry] };
  }
  if (/\.(c|m)?js$/.test(entry)) return { command: process.execPath, args: [entry] };
  return { command: entry, args: [] };
}

/** Resolves an ES module specifier such as `tsx/esm/api` from each base in turn, preferring the "import" condition. */
function resolveFrom(specifiers: string[], bases: string[]): string | undefined {
  for (const base of bases) {
    const require = createRequire(base);
    for (const specifier of specifiers) {
      const [name = "", ...rest] = specifier.split("/");
      try {
        const pkg = require.resolve(`${name}/package.json`);
        const entry = JSON.parse(readFileSync(pkg, "utf8")).exports?.[
          rest.length ? `./${rest.join("/")}` : "."
        ];
        const target = pickImport(entry);
        if (target) return join(pkg, "..", target);
        return require.resolve(specifier);
      } catch {
        // not resolvable from this base
      }
    }
  }
  return undefined;
}

function pickImport(entry: unknown): string | undefined {
  if (typeof entry === "string") return entry;
  if (!entry || typeof entry !== "object") return undefined;
  const e = entry as Record<string, unknown>;
  return pickImport(e.import) ?? pickImport(e.default) ?? pickImport(e.node);
}

/** Options of {@link loadProviderSchema}. */
export interface LoadSchemaOptions {
  /** Run this executable instead of the project's entry. */
  provider?: string;
  /** Import this module and ask @pyvider/hub instead of starting the provider. */
  module?: string;
  /** Handshake timeout; default 30 s. */
  timeoutMs?: number;
}

/**
 * Starts the project's provider, asks it for its schema over the plugin
 * protocol and returns the `providers schema -json` document. With
 * `options.module`, imports that module instead and asks @pyvider/hub.
 */
export async function loadProviderSchema(
  projectDir: string,
  options: LoadSchemaOptions = {},
): Promise<ProvidersSchemaJson> {
  const project = loadProject(projectDir);
  if (options.module) {
    const { loadHubProvider, schemaDocumentFromHub } = await import("./from-hub.js");
    const tsxApi = resolveFrom(["tsx/esm/api"], [join(project.dir, "package.json"), import.meta.url]);
    const provider = await loadHubProvider(options.module, tsxApi);
    return schemaDocumentFromHub(providerAddress(project), provider);
  }
  const { command, args } = options.provider
    ? providerCommand(options.provider, project.dir)
    : providerCommand(project.entry, project.dir);
  let testing: typeof import("@pyvider/testing");
  try {
    testing = await import("@pyvider/testing");
  } catch (error) {
    throw new CliError(`cannot load @pyvider/testing to talk to the provider: ${messageOf(error)}`);
  }
  let provider: Awaited<ReturnType<typeof testing.startProviderProcess>>;
  try {
    provider = await testing.startProviderProcess({
      command,
      args,
      cwd: project.dir,
      handshakeTimeoutMs: options.timeoutMs ?? 30_000,
    });
  } catch (error) {
    throw new CliError(`cannot start the provider (${[command, ...args].join(" ")})`, {
      details: [messageOf(error)],
    });
  }
  try {
    const response = await provider.getProviderSchema({});
    const errors = response.diagnostics.filter((d) => d.severity === 1);
    if (errors.length > 0) {
      throw new CliError("the provider reported errors for GetProviderSchema", {
        details: errors.map((d) => `${d.summary}${d.detail ? `: ${d.detail}` : ""}`),
      });
    }
    let identities: Awaited<ReturnType<typeof provider.getResourceIdentitySchemas>> | undefined;
    try {
      identities = await provider.getResourceIdentitySchemas({});
    } catch {
      identities = undefined; // older providers do not implement it
    }
    return schemaDocumentFromProto(providerAddress(project), response, identities);
  } finally {
    await provider.dispose();
  }
}
