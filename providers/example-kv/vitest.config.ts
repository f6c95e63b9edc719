import { defineProject, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared";

// Like a third party (and like every project of the workspace), the example provider's tests reach
// the @pyvider packages through their package.json `exports` (workspace links to their built
// dist/): a broken exports map or a missing build fails here.
export default mergeConfig(
  shared,
  defineProject({
    test: {
      name: "example-kv",
      // builds dist/terraform-provider-kv once (the executable tests run it)
      globalSetup: ["./test/support/global-setup.ts"],
    },
  }),
);
