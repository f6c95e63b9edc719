/**
 * The `kv` provider (source `pyvider/kv`): configuration and `configure`,
 * which opens the embedded store every component receives as `ctx.provider`.
 */
import { isUnknown } from "@pyvider/cty";
import { defineProvider, forProvider } from "@pyvider/hub";
import { a, s } from "@pyvider/schema";
import { NAMESPACE_PATTERN, openStore } from "../store/index.js";
import { withStoreErrors } from "./errors.js";

/** The store directory used when neither `path` nor `KV_STORE_PATH` is set. */
export const DEFAULT_STORE_PATH = "./.kv-store";

/** The provider's configuration schema. */
export const providerSchema = s.provider(
  {
    path: a.str({
      optional: true,
      description: `Directory of the store. Default: the KV_STORE_PATH environment variable, else ${DEFAULT_STORE_PATH}.`,
    }),
    namespace: a.str({
      optional: true,
      description: 'Namespace (subdirectory) to work in. Default "default".',
    }),
  },
  {
    description:
      "The kv provider keeps entries in an embedded store on disk: one directory per namespace, one JSON file per key.",
  },
);

/** The `kv` provider. */
export const kv = defineProvider({
  name: "kv",
  schema: providerSchema,
  validate(ctx) {
    const ns = ctx.config.namespace;
    if (typeof ns === "string" && !NAMESPACE_PATTERN.test(ns)) {
      ctx.addError(
        "Invalid namespace",
        `"${ns}" is not a valid namespace: use 1 to 64 letters, digits, '_', '.' or '-', not starting with '.'.`,
        ["namespace"],
      );
    }
  },
  async configure(ctx) {
    const { path, namespace } = ctx.config;
    if (isUnknown(path) || isUnknown(namespace)) {
      throw new Error("the store path and namespace must be known when the provider is configured");
    }
    const dir = path ?? process.env.KV_STORE_PATH ?? DEFAULT_STORE_PATH;
    return withStoreErrors(
      "Cannot open the kv store",
      () => openStore({ path: dir, namespace: namespace ?? "default" }),
      path == null ? undefined : "path",
    );
  },
});

/** `define*` functions whose `ctx.provider` is the store. */
export const kvDefiners = forProvider(kv);
