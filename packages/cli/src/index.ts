/**
 * @pyvider/cli: the `pyvider` command (new, build, install, docs, schema,
 * release) and the functions behind it, for use from scripts.
 * @packageDocumentation
 */

export { type BundleOptions, type BundleResult, bundleProvider, type OtelMode } from "./build/bundle.js";
export { codeCacheLauncher } from "./build/code-cache.js";
export { measureStartup, type StartupReport } from "./build/startup.js";
export { CliError, UsageError } from "./cli/errors.js";
export { type RunIo, run } from "./cli/main.js";
export {
  checkDocs,
  type DocsFiles,
  type GenerateDocsOptions,
  generateDocs,
  type StaleFile,
  writeDocs,
} from "./docs/generate.js";
export { renderIdentityMarkdown, renderSchemaMarkdown } from "./docs/schema-md.js";
export {
  currentPlatform,
  devOverridesConfig,
  filesystemMirrorConfig,
  type InstallTarget,
  installIntoMirror,
} from "./install/install.js";
export {
  DEFAULT_PLATFORMS,
  executableName,
  loadProject,
  type ProviderProject,
  type PyviderField,
  providerAddress,
} from "./project/project.js";
export {
  detachedSignature,
  REGISTRY_MANIFEST,
  sha256Sums,
  zipExecutable,
  zipTimestamp,
} from "./release/artifacts.js";
export { diffSchemas, type SchemaChange, type SchemaDiff } from "./schema/diff.js";
export { schemaDocumentFromProto } from "./schema/from-proto.js";
export type * from "./schema/json-types.js";
export { type LoadSchemaOptions, loadProviderSchema, readSchemaFile } from "./schema/load.js";
export { VERSION } from "./version.js";
