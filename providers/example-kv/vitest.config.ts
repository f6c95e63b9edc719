import { defineProject, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared";

// Like a third party, the example provider's tests reach the @pyvider packages through their
// package.json `exports` (workspace links to their built dist/), not the shared aliases to src/:
// a broken exports map or a missing build fails here.
const { resolve: _sourceAliases, ...withoutAliases } = shared;

export default mergeConfig(
  withoutAliases,
  defineProject({
    test: {
      name: "example-kv",
      // builds dist/terraform-provider-kv once (the executable tests run it)
      globalSetup: ["./test/support/global-setup.ts"],
    },
  }),
);
