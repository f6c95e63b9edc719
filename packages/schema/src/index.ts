/**
 * @pyvider/schema: The schema model and DSL (factories, builder, decorators), validators, plan modifiers, defaults, TypeScript type inference and config validation with attribute paths.
 * @packageDocumentation
 */

/** The package version. */
export const VERSION = "0.0.0";
