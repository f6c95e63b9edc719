import { createRequire } from "node:module";

/**
 * The package version, from its package.json. The build inlines it as a literal
 * (`versionPlugin` in the repository's tsup.shared.ts); run from source (tests, tsx), this
 * module reads package.json. Either way it is typed once, in package.json.
 */
export const VERSION: string = (createRequire(import.meta.url)("../package.json") as { version: string })
  .version;
