import { defineProject, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared";

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
