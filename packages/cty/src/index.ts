/**
 * @pyvider/cty: cty types and values, msgpack and JSON codecs byte-exact with go-cty, type JSON, conversion and unification, set semantics, exact numbers.
 * @packageDocumentation
 */

/** The package version. */
export const VERSION = "0.0.0";
