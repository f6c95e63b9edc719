/**
 * scripts/tofu.mjs when a tool build fails: one retry, then an error naming the Go error lines;
 * and `PYVIDER_<TOOL>_UNAVAILABLE` (set by npm test after a failed build) fails fast with the
 * reason. Uses a throwaway cache directory and a deliberately broken tool, never the real ones.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
// @ts-expect-error: plain ESM script without type declarations
import { ensure, goErrorLines, TOOLS, unavailableVar, withRetry } from "../scripts/tofu.mjs";

const quiet = process.stderr.write;

describe("tool builds", () => {
  let cache: string;
  beforeEach(() => {
    cache = mkdtempSync(join(tmpdir(), "pyvider-toolbuild-"));
    process.env.PYVIDER_CACHE_DIR = cache;
    process.stderr.write = (() => true) as typeof process.stderr.write;
  });
  afterEach(() => {
    process.stderr.write = quiet;
    delete process.env.PYVIDER_CACHE_DIR;
    delete (TOOLS as Record<string, unknown>).broken;
    rmSync(cache, { recursive: true, force: true });
  });

  it("picks the Go error lines out of build output", () => {
    const output = [
      "go: downloading github.com/a/b v1.0.0",
      "# github.com/a/b/internal/x",
      "internal/x/x.go:12:3: undefined: foo",
      "some progress line",
      "go: error loading module requirements",
    ].join("\n");
    expect(goErrorLines(output)).toEqual([
      "# github.com/a/b/internal/x",
      "internal/x/x.go:12:3: undefined: foo",
      "go: error loading module requirements",
    ]);
  });

  it("retries a failed step once and succeeds when the second attempt does", () => {
    const attempts: number[] = [];
    const r = withRetry("go build of x", (n: number) => {
      attempts.push(n);
      return n === 1 ? { status: 1, output: "signal: killed" } : { status: 0, output: "" };
    });
    expect(attempts).toEqual([1, 2]);
    expect(r.status).toBe(0);
  });

  it("builds a broken tool twice, then fails naming the compiler's error lines", () => {
    // go-cty (already in the module cache for the oracle) with a file that does not compile
    (TOOLS as Record<string, unknown>).broken = {
      module: "github.com/zclconf/go-cty",
      version: "v1.20.0",
      pkg: "./cty",
      ldflags: [],
      patch: (dir: string) => {
        writeFileSync(
          join(dir, "cty", "zz_broken.go"),
          "package cty\n\nfunc broken() { undefinedThing() }\n",
        );
        return [];
      },
    };
    let message = "";
    const logged: string[] = [];
    process.stderr.write = ((text: string) => logged.push(text) > 0) as typeof process.stderr.write;
    try {
      ensure("broken");
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^go build of broken v1\.20\.0 failed twice \(exit 1\):/);
    expect(message).toMatch(/cty[/\\]zz_broken\.go:3:\d+: undefined: undefinedThing/);
    expect(logged.join("")).toMatch(/attempt 1 of 2.*retrying once/);
    expect(logged.join("")).toMatch(/attempt 2 of 2/);
  }, 300_000);

  it("fails a fake version at download, after one retry, with go's reason", () => {
    (TOOLS as Record<string, unknown>).broken = {
      module: "github.com/zclconf/go-cty",
      version: "v0.0.0-no-such-version",
      pkg: ".",
      ldflags: [],
    };
    expect(() => ensure("broken")).toThrow(/go mod download .* failed twice[\s\S]*go: /);
  }, 120_000);

  it("fails at once with the recorded reason when npm test could not build the tool", () => {
    process.env[unavailableVar("terraform")] = "go build of terraform v1.16.4 failed twice";
    try {
      expect(unavailableVar("terraform")).toBe("PYVIDER_TERRAFORM_UNAVAILABLE");
      expect(unavailableVar("tofu")).toBe("PYVIDER_TOFU_UNAVAILABLE");
      expect(() => ensure("terraform")).toThrow("go build of terraform v1.16.4 failed twice");
    } finally {
      delete process.env[unavailableVar("terraform")];
    }
  });
});
