import { chmodSync, renameSync } from "node:fs";
import { defineConfig } from "tsup";

/**
 * One self-contained executable: every dependency (the @pyvider packages, grpc-js, ...) bundled
 * into `dist/terraform-provider-kv`, with the shebang from `src/main.ts`, mode 0755.
 */
export default defineConfig({
  entry: { "terraform-provider-kv": "src/main.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  noExternal: [/.*/],
  splitting: false,
  dts: false,
  clean: true,
  minify: false,
  sourcemap: false,
  // Bundled CommonJS dependencies (grpc-js) call require() for Node built-ins.
  banner: {
    js: 'import { createRequire as __kvCreateRequire } from "node:module"; const require = __kvCreateRequire(import.meta.url);',
  },
  onSuccess: async () => {
    // Terraform looks for `terraform-provider-<name>`: no extension.
    renameSync("dist/terraform-provider-kv.js", "dist/terraform-provider-kv");
    chmodSync("dist/terraform-provider-kv", 0o755);
  },
});
