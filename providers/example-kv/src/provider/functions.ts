/** The provider functions `provider::kv::*`. */
import { CtyNumber, CtyObject, CtyString } from "@pyvider/cty";
import { defineFunction, FunctionError } from "@pyvider/hub";
import { checksumOf } from "../store/index.js";

/** `provider::kv::add(a, b)`: pyvider's example function. */
export const add = defineFunction({
  name: "add",
  summary: "Adds two numbers",
  parameters: [
    { name: "a", type: CtyNumber },
    { name: "b", type: CtyNumber },
  ],
  returns: CtyNumber,
  run: (_ctx, x, y) => x + y,
});

/** `provider::kv::checksum(value)`: equal to `kv_entry.checksum` for that value. */
export const checksum = defineFunction({
  name: "checksum",
  summary: "SHA-256 hex of a value, as kv_entry.checksum",
  parameters: [{ name: "value", type: CtyString }],
  returns: CtyString,
  run: (_ctx, value) => checksumOf(value),
});

/** `provider::kv::join_keys(separator, keys...)`. */
export const joinKeys = defineFunction({
  name: "join_keys",
  summary: "Joins keys with a separator",
  parameters: [{ name: "separator", type: CtyString }],
  variadicParameter: { name: "keys", type: CtyString },
  returns: CtyString,
  run: (_ctx, separator, ...keys) => keys.join(separator),
});

/** `provider::kv::parse_entry("key=value")`: a bad input is a function error on argument 0. */
export const parseEntry = defineFunction({
  name: "parse_entry",
  summary: "Parses key=value",
  parameters: [{ name: "s", type: CtyString }],
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
