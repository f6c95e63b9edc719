/**
 * Generates the registry docs tree (tfplugindocs layout) from a provider
 * schema JSON and the project's `examples/` directory, and compares it with
 * what is on disk for `--check`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { BlockJson, ProviderSchemaJson, ProvidersSchemaJson } from "../schema/json-types.js";
import type { PageType } from "./pages.js";
import { FRONTMATTER_COMMENT, renderComponentPage, renderFunctionPage, renderProviderPage } from "./pages.js";
import { compareStrings, renderIdentityMarkdown, renderSchemaMarkdown } from "./schema-md.js";

/** Options of {@link generateDocs}. */
export interface GenerateDocsOptions {
  /** The provider type name (`kv`): strips the `kv_` prefix from page file names. */
  providerType: string;
  /** The project directory holding `examples/`. */
  projectDir: string;
  /** Name shown in page titles; default `terraform-provider-<type>`. */
  providerName?: string;
}

/** Generated files by path relative to the project (`docs/index.md`, ...). */
export type DocsFiles = Map<string, string>;

interface Kind {
  key: keyof ProviderSchemaJson;
  dir: string;
  type: PageType;
  exampleFile: string;
}

const KINDS: Kind[] = [
  { key: "resource_schemas", dir: "resources", type: "Resource", exampleFile: "resource.tf" },
  { key: "data_source_schemas", dir: "data-sources", type: "Data Source", exampleFile: "data-source.tf" },
  {
    key: "ephemeral_resource_schemas",
    dir: "ephemeral-resources",
    type: "Ephemeral Resource",
    exampleFile: "ephemeral-resource.tf",
  },
  {
    key: "list_resource_schemas",
    dir: "list-resources",
    type: "List Resource",
    exampleFile: "list-resource.tf",
  },
  { key: "action_schemas", dir: "actions", type: "Action", exampleFile: "action.tf" },
];

/** The directories under `docs/` that generation owns. */
export const GENERATED_DIRS = [...KINDS.map((k) => k.dir), "functions"];

/** Picks the one provider in a schema document: the only one, or the one whose address ends in `/<type>`. */
export function selectProvider(doc: ProvidersSchemaJson, providerType: string): [string, ProviderSchemaJson] {
  if (
    !doc ||
    typeof doc !== "object" ||
    typeof doc.provider_schemas !== "object" ||
    doc.provider_schemas === null
  ) {
    throw new Error(
      'not a provider schema document: expected {"format_version": "1.0", "provider_schemas": {...}}',
    );
  }
  const entries = Object.entries(doc.provider_schemas);
  if (entries.length === 1 && entries[0]) return entries[0];
  const match = entries.filter(([address]) => address.split("/").pop() === providerType);
  if (match.length === 1 && match[0]) return match[0];
  throw new Error(
    entries.length === 0
      ? "the schema document has no providers"
      : `cannot tell which provider to use for type "${providerType}" among ${entries.map(([a]) => a).join(", ")}`,
  );
}

/** Strips the `<type>_` prefix from a component name, as tfplugindocs does. */
export function shortName(name: string, providerType: string): string {
  return name.startsWith(`${providerType}_`) ? name.slice(providerType.length + 1) : name;
}

/** Generates every docs page in memory. */
export function generateDocs(doc: ProvidersSchemaJson, options: GenerateDocsOptions): DocsFiles {
  const [, provider] = selectProvider(doc, options.providerType);
  const providerName = options.providerName ?? `terraform-provider-${options.providerType}`;
  const examples = join(options.projectDir, "examples");
  const readExample = (...parts: string[]): string | undefined => {
    const file = join(examples, ...parts);
    return existsSync(file) ? readFileSync(file, "utf8") : undefined;
  };
  const files: DocsFiles = new Map();
  const render = (what: string, fn: () => string): string => {
    try {
      return fn();
    } catch (error) {
      throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const providerBlock: BlockJson = provider.provider?.block ?? {};
  files.set(
    "docs/index.md",
    render("provider", () =>
      renderProviderPage({
        shortName: options.providerType,
        description: providerBlock.description ?? "",
        schemaMarkdown: renderSchemaMarkdown(providerBlock),
        example: readExample("provider", "provider.tf"),
      }),
    ),
  );

  for (const kind of KINDS) {
    const schemas = (provider[kind.key] ?? {}) as Record<string, { block?: BlockJson }>;
    for (const name of Object.keys(schemas).sort(compareStrings)) {
      const block = schemas[name]?.block ?? {};
      const isResource = kind.key === "resource_schemas";
      const identity = isResource ? provider.resource_identity_schemas?.[name] : undefined;
      const importIdentityConfig = isResource
        ? readExample("resources", name, "import-by-identity.tf")
        : undefined;
      const page = render(`${kind.type.toLowerCase()} ${name}`, () =>
        renderComponentPage({
          name,
          type: kind.type,
          providerName,
          description: block.description ?? "",
          schemaMarkdown: renderSchemaMarkdown(block),
          example: readExample(kind.dir, name, kind.exampleFile),
          importShell: isResource ? readExample("resources", name, "import.sh") : undefined,
          importIdConfig: isResource ? readExample("resources", name, "import-by-string-id.tf") : undefined,
          importIdentityConfig: identity ? importIdentityConfig : undefined,
          identityMarkdown: identity ? renderIdentityMarkdown(identity) : undefined,
        }),
      );
      files.set(`docs/${kind.dir}/${shortName(name, options.providerType)}.md`, page);
    }
  }

  const functions = provider.functions ?? {};
  for (const name of Object.keys(functions).sort(compareStrings)) {
    const fn = functions[name];
    if (!fn) continue;
    files.set(
      `docs/functions/${name}.md`,
      render(`function ${name}`, () =>
        renderFunctionPage({
          name,
          providerName,
          fn,
          example: readExample("functions", name, "function.tf"),
        }),
      ),
    );
  }
  return files;
}

/** Writes generated files under `projectDir`; returns the paths written. */
export function writeDocs(projectDir: string, files: DocsFiles): string[] {
  const written: string[] = [];
  for (const [path, content] of files) {
    const full = join(projectDir, path);
    mkdirSync(dirname(full), { recursive: true });
    if (existsSync(full) && readFileSync(full, "utf8") === content) continue;
    writeFileSync(full, content);
    written.push(path);
  }
  return written;
}

/** Why a docs file is stale. */
export interface StaleFile {
  /** Path relative to the project. */
  path: string;
  /** missing: should exist; changed: differs; orphaned: generated earlier, no longer produced. */
  reason: "missing" | "changed" | "orphaned";
}

/** Compares generated docs with the files on disk. */
export function checkDocs(projectDir: string, files: DocsFiles): StaleFile[] {
  const stale: StaleFile[] = [];
  for (const [path, content] of files) {
    const full = join(projectDir, path);
    if (!existsSync(full)) stale.push({ path, reason: "missing" });
    else if (readFileSync(full, "utf8") !== content) stale.push({ path, reason: "changed" });
  }
  for (const path of orphans(projectDir, files)) stale.push({ path, reason: "orphaned" });
  return stale.sort((a, b) => compareStrings(a.path, b.path));
}

/** Generated pages on disk that the current schema no longer produces. */
export function orphans(projectDir: string, files: DocsFiles): string[] {
  const found: string[] = [];
  for (const dir of GENERATED_DIRS) {
    const full = join(projectDir, "docs", dir);
    if (!existsSync(full)) continue;
    for (const entry of readdirSync(full)) {
      if (!entry.endsWith(".md")) continue;
      const path = relative(projectDir, join(full, entry)).split("\\").join("/");
      if (files.has(path)) continue;
      if (readFileSync(join(full, entry), "utf8").includes(FRONTMATTER_COMMENT)) found.push(path);
    }
  }
  return found;
}
