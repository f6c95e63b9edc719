import { defineConfig } from "tsup";
import { packageConfig } from "../../tsup.shared";

export default defineConfig(
  packageConfig({
    // `internal` is the entry point of what only the framework's own packages use.
    entry: ["src/index.ts", "src/internal.ts"],
    // Declarations come from tsc (tsconfig.build.json, then scripts/cjs-types.mjs for the
    // CommonJS copy): the dts bundler drops the types of `export * as ns` namespaces whose
    // members are both types and values.
    dts: false,
  }),
);
