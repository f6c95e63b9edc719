/**
 * The example key-value provider `kv` (source `pyvider/kv`): its definition and components, for
 * tests and for reading. The executable is `src/main.ts` (`dist/terraform-provider-kv`).
 */
export { buildKvProvider, components, kv } from "./provider/index.js";
export { DEFAULT_STORE_PATH, providerSchema } from "./provider/provider.js";
