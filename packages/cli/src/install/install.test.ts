import { describe, expect, it } from "vitest";
import { devOverridesConfig, filesystemMirrorConfig, hclString, installHosts } from "./install.js";

const target = { hostname: "registry.terraform.io", namespace: "acme", type: "kv", version: "1.0.0" };

describe("install configs", () => {
  it("quotes HCL strings, including template sequences", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL template syntax on purpose
    expect(hclString('C:\\dir "x" ${y} %{z}')).toBe('"C:\\\\dir \\"x\\" $${y} %%{z}"');
  });

  it("covers both default registries, and only a custom host otherwise", () => {
    expect(installHosts("registry.opentofu.org")).toEqual(["registry.terraform.io", "registry.opentofu.org"]);
    expect(installHosts("example.com")).toEqual(["example.com"]);
  });

  it("writes dev_overrides for both addresses and keeps direct installation", () => {
    expect(devOverridesConfig(target, "/p")).toBe(
      [
        "# Written by `pyvider install`: use the local build instead of a registry release.",
        "provider_installation {",
        "  dev_overrides {",
        '    "registry.terraform.io/acme/kv" = "/p"',
        '    "registry.opentofu.org/acme/kv" = "/p"',
        "  }",
        "",
        "  # Every other provider installs as usual.",
        "  direct {}",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("includes the provider in the mirror and excludes it from direct", () => {
    const text = filesystemMirrorConfig({ ...target, hostname: "example.com" }, "/m");
    expect(text).toContain('path    = "/m"');
    expect(text).toContain('include = ["example.com/acme/kv"]');
    expect(text).toContain('exclude = ["example.com/acme/kv"]');
  });
});
