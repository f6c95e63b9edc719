/**
 * @pyvider/cli: The pyvider command: new, build, install, docs, schema, release.
 * @packageDocumentation
 */

/** The package version. */
export const VERSION = "0.0.0";
