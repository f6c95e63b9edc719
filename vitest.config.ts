import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      "packages/*/vitest.config.ts",
      "providers/*/vitest.config.ts",
      "bench/vitest.config.ts",
      "test/vitest.config.ts",
    ],
  },
});
