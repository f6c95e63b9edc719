/**
 * @pyvider/cli: the `pyvider` command (new, build, install, docs, schema,
 * release) and the functions behind it, for use from scripts.
 * @packageDocumentation
 */

export { VERSION } from "./version.js";
export { run, type RunIo } from "./cli/main.js";
export { CliError, UsageError } from "./cli/errors.js";
export {
  DEFAULT_PLATFORMS,
  executableName,
  loadProject,
  providerAddress,
  type ProviderProject,
  type PyviderField,
} from "./project/project.js";
export type * from "./schema/json-types.js";
export { diffSchemas, type SchemaChange, type SchemaDiff } from "./schema/diff.js";
export { schemaDocumentFromProto } from "./schema/from-proto.js";
export { loadProviderSchema, type LoadSchemaOptions, readSchemaFile } from "./schema/load.js";
export {
  checkDocs,
  type DocsFiles,
  generateDocs,
  type GenerateDocsOptions,
  type StaleFile,
  writeDocs,
} from "./docs/generate.js";
export { renderIdentityMarkdown, renderSchemaMarkdown } from "./docs/schema-md.js";
export { bundleProvider, type BundleOptions, type BundleResult, type OtelMode } from "./build/bundle.js";
export { MAGIC_COOKIE, measureStartup, type StartupReport } from "./build/startup.js";
export {
  currentPlatform,
  devOverridesConfig,
  filesystemMirrorConfig,
  installIntoMirror,
  type InstallTarget,
} from "./install/install.js";
export { detachedSignature, REGISTRY_MANIFEST, sha256Sums, zipExecutable, zipTimestamp } from "./release/artifacts.js";
