import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Tests import workspace packages from source, so no build is needed between edits. */
export const workspaceAliases = {
  "@pyvider/cty": here("./packages/cty/src/index.ts"),
  "@pyvider/schema": here("./packages/schema/src/index.ts"),
  "@pyvider/telemetry": here("./packages/telemetry/src/index.ts"),
  "@pyvider/hub": here("./packages/hub/src/index.ts"),
  // Entry points below a package come before the package (aliases match by prefix, in order).
  "@pyvider/protocol/internal": here("./packages/protocol/src/internal.ts"),
  "@pyvider/protocol": here("./packages/protocol/src/index.ts"),
  "@pyvider/testing": here("./packages/testing/src/index.ts"),
  "@pyvider/cli": here("./packages/cli/src/index.ts"),
};

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    typecheck: { enabled: false },
  },
});
