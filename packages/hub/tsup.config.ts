import { defineConfig } from "tsup";
import { packageConfig } from "../../tsup.shared";

export default defineConfig(
  packageConfig({
    // `internal` is the entry point of what only the framework's own packages use.
    entry: ["src/index.ts", "src/internal.ts"],
  }),
);
