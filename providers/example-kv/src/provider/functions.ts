/** The provider functions `provider::kv::*`. */
import { CtyNumber, CtyObject, CtyString } from "@pyvider/cty";
import { defineFunction, FunctionError } from "@pyvider/hub";
import { sha256Hex } from "../store/index.js";

/** `provider::kv::add(a, b)`: pyvider's example function. */
export const add = defineFunction({
  name: "add",
  summary: "Adds two numbers",
  description: "Returns `a + b`.",
  parameters: [
    { name: "a", type: CtyNumber, description: "The first number." },
    { name: "b", type: CtyNumber, description: "The second number." },
  ],
  returns: CtyNumber,
  run: (_ctx, x, y) => x + y,
});

/**
 * `provider::kv::checksum(value)`: the plain SHA-256 hex of its argument. Not `kv_entry.checksum`,
 * which is keyed with the store's secret so that it does not give values away.
 */
export const checksum = defineFunction({
  name: "checksum",
  summary: "SHA-256 hex of a value",
  description:
    "Returns the SHA-256 digest of `value` (UTF-8) in hex. This is not `kv_entry.checksum`, which is keyed with the store's own secret; do not use this function on secrets whose digest would end up in state or outputs.",
  parameters: [{ name: "value", type: CtyString, description: "The text to digest." }],
  returns: CtyString,
  run: (_ctx, value) => sha256Hex(value),
});

/** `provider::kv::join_keys(separator, keys...)`. */
export const joinKeys = defineFunction({
  name: "join_keys",
  summary: "Joins keys with a separator",
  description: "Returns the `keys` joined with `separator`.",
  parameters: [{ name: "separator", type: CtyString, description: "Put between the keys." }],
  variadicParameter: { name: "keys", type: CtyString, description: "The keys to join." },
  returns: CtyString,
  run: (_ctx, separator, ...keys) => keys.join(separator),
});

/** `provider::kv::parse_entry("key=value")`: a bad input is a function error on argument 0. */
export const parseEntry = defineFunction({
  name: "parse_entry",
  summary: "Parses key=value",
  description:
    'Splits `"key=value"` at the first `=` into `{ key, value }`; a missing `=` or an empty key is an error.',
  parameters: [{ name: "s", type: CtyString, description: 'Text of the form `"key=value"`.' }],
  returns: CtyObject({ key: CtyString, value: CtyString }),
  run(_ctx, text) {
    const eq = text.indexOf("=");
    if (eq <= 0) {
      throw new FunctionError(`expected "key=value" with a non-empty key, got ${JSON.stringify(text)}`, {
        argument: 0,
      });
    }
    return { key: text.slice(0, eq), value: text.slice(eq + 1) };
  },
});
