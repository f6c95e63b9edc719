import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  // Declarations come from tsc (tsconfig.build.json): the dts bundler drops the
  // types of `export * as ns` namespaces whose members are both types and values.
  dts: false,
  sourcemap: true,
  clean: true,
  target: "node20",
});
