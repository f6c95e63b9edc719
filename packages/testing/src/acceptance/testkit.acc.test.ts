/**
 * Acceptance tests of the testkit fixture provider, served in-process (TF_REATTACH_PROVIDERS)
 * and as an executable (dev_overrides), against OpenTofu and Terraform: every step kind, and
 * failing cases with their messages.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@pyvider/protocol";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildTestkitExecutable } from "../../test/fixture/build.js";
import { buildTestkit, item } from "../__fixtures__/testkit.js";
import { testBinaries } from "./binaries.testutil.js";
import { compareVersions } from "./binary.js";
import {
  expectEmptyPlan,
  expectPlannedValue,
  expectResourceAction,
  expectUnknownValue,
} from "./plan-checks.js";
import type { ProviderUnderTest } from "./provider-source.js";
import { acceptanceTest } from "./runner.js";
import type { TestStep } from "./types.js";

const T = 180_000;
const inProcess: ProviderUnderTest = { name: "testkit", definition: buildTestkit };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "testkit-acc-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cfg = (body: string) => `variable "dir" {}\nprovider "testkit" {\n  dir = var.dir\n}\n${body}`;
const itemCfg = (name: string, content: string, extra = "") =>
  cfg(`resource "testkit_item" "a" {\n  name = "${name}"\n  content = "${content}"\n${extra}}\n`);
const step = (s: TestStep): TestStep => ({ variables: { dir }, ...s });
const stored = (name: string) => join(dir, `${name}.json`);

// testBinaries() throws under CI=true when a binary is missing; locally the suites below are
// not generated then, and this test says why instead of passing.
it("has OpenTofu or Terraform to run against", (ctx) => {
  if (testBinaries().length === 0) {
    ctx.skip("no OpenTofu or Terraform binary: set PYVIDER_TOFU_PATH / PYVIDER_TERRAFORM_PATH");
  }
  for (const [, binary] of testBinaries()) expect(existsSync(binary)).toBe(true);
});

describe.each(testBinaries())("testkit in-process with %s", (_flavor, binary) => {
  it(
    "creates, updates, sees drift, refreshes, replaces and destroys",
    async (ctx) => {
      await acceptanceTest(
        {
          binary,
          provider: inProcess,
          steps: [
            step({
              config: itemCfg("a", "hello"),
              planChecks: {
                preApply: [
                  expectResourceAction("testkit_item.a", "create"),
                  expectUnknownValue("testkit_item.a", "id"),
                ],
              },
              check: (s) => {
                const r = s.resource("testkit_item.a", item);
                expect(r.values.revision).toBe(1);
                r.expect("id", "item-a").expect("tag", "none").expect("content", "hello");
              },
            }),
            step({
              config: itemCfg("a", "bye"),
              planChecks: {
                preApply: [
                  expectResourceAction("testkit_item.a", "update"),
                  expectPlannedValue("testkit_item.a", "revision", 2),
                ],
                postApplyPostRefresh: [expectEmptyPlan()],
              },
              check: (s) => s.resource("testkit_item.a").expect("revision", 2).expect("content", "bye"),
            }),
            step({
              // drift: someone edits the item behind Terraform's back; the plan puts it back
              preConfig: () =>
                writeFileSync(stored("a"), JSON.stringify({ content: "edited", tag: "none", revision: 9 })),
              config: itemCfg("a", "bye"),
              planChecks: { preApply: [expectResourceAction("testkit_item.a", "update")] },
              check: (s) => s.resource("testkit_item.a").expect("content", "bye").expect("revision", 10),
            }),
            step({
              preConfig: () =>
                writeFileSync(stored("a"), JSON.stringify({ content: "bye", tag: "none", revision: 11 })),
              refreshState: true,
              check: (s) => s.resource("testkit_item.a").expect("revision", 11),
            }),
            step({
              config: itemCfg("b", "bye"),
              planChecks: { preApply: [expectResourceAction("testkit_item.a", "replace")] },
              check: (s) => s.resource("testkit_item.a").expect("id", "item-b").expect("revision", 1),
            }),
          ],
          checkDestroy: (last) => {
            expect(last.resource("testkit_item.a").attr("name")).toBe("b");
            expect(existsSync(stored("b"))).toBe(false);
          },
        },
        ctx,
      );
    },
    T,
  );

  it(
    "imports by command and by import block, verifying against the applied resource",
    async (ctx) => {
      await acceptanceTest(
        {
          binary,
          provider: inProcess,
          steps: [
            step({ config: itemCfg("a", "hello", '  tag = "t1"\n') }),
            step({
              importState: true,
              resourceName: "testkit_item.a",
              importStateId: "a",
              importStateVerify: true,
            }),
            step({
              importState: true,
              importStateKind: "block",
              resourceName: "testkit_item.a",
              importStateId: "a",
              importStateVerify: true,
            }),
          ],
        },
        ctx,
      );
    },
    T,
  );

  it(
    "importStateVerify reports the differing attributes, and honours the ignore list",
    async (ctx) => {
      const base = [
        step({ config: itemCfg("a", "hello") }),
        step({
          preConfig: () =>
            writeFileSync(stored("a"), JSON.stringify({ content: "changed", tag: "none", revision: 4 })),
          importState: true,
          resourceName: "testkit_item.a",
          importStateId: "a",
          importStateVerify: true,
        }),
      ];
      const err = await acceptanceTest({ binary, provider: inProcess, steps: base }, ctx).catch(
        (e: Error) => e,
      );
      const msg = (err as Error).message;
      expect(msg).toMatch(/^step 2\/2 \(import testkit_item\.a by command\) failed: import verify\n/);
      expect(msg).toContain(
        "testkit_item.a: the imported resource differs from the applied one (importStateVerify):",
      );
      expect(msg).toContain('  content: expected "hello", got "changed"');
      expect(msg).toContain("  revision: expected 1, got 4");
      const ignoring = [base[0]!, { ...base[1]!, importStateVerifyIgnore: ["content", "revision"] }];
      await acceptanceTest({ binary, provider: inProcess, steps: ignoring }, ctx);
    },
    T,
  );

  it(
    "expectError matches the provider's diagnostics; an unexpected one fails with the output",
    async (ctx) => {
      await acceptanceTest(
        {
          binary,
          provider: inProcess,
          steps: [
            step({
              config: itemCfg("a", "forbidden"),
              expectError: /content may not contain the word forbidden/,
            }),
          ],
        },
        ctx,
      );
      const err = await acceptanceTest(
        { binary, provider: inProcess, steps: [step({ config: itemCfg("a", "forbidden") })] },
        ctx,
      ).catch((e: Error) => e);
      const msg = (err as Error).message;
      expect(msg).toMatch(
        /^step 1\/1 \(apply\) failed: plan\ncommand: (tofu|terraform) plan -no-color -input=false -out=tfplan \(exit 1\)\n/,
      );
      expect(msg).toMatch(/output:\n {2}Error: Forbidden content/);
    },
    T,
  );

  it(
    "an apply error is matched by expectError (the item exists already)",
    async (ctx) => {
      writeFileSync(stored("dup"), JSON.stringify({ content: "x", tag: "none", revision: 1 }));
      await acceptanceTest(
        {
          binary,
          provider: inProcess,
          steps: [step({ config: itemCfg("dup", "y"), expectError: /item dup already exists/ })],
        },
        ctx,
      );
    },
    T,
  );

  it(
    "imports by identity (OpenTofu and Terraform ≥ 1.12)",
    async (ctx) => {
      await acceptanceTest(
        {
          binary,
          provider: inProcess,
          skipFor: (b) =>
            compareVersions(b.version, "1.12.0") < 0
              ? "identity import needs Terraform or OpenTofu 1.12 or newer"
              : undefined,
          steps: [
            step({ config: itemCfg("a", "hello") }),
            step({
              importState: true,
              importStateKind: "identity",
              resourceName: "testkit_item.a",
              importStateIdentity: { name: "a" },
              importStateVerify: true,
              check: (s) => expect(s.resource("testkit_item.a").identity).toEqual({ name: "a" }),
            }),
          ],
        },
        ctx,
      );
    },
    T,
  );
});

describe.each(testBinaries().slice(0, 1))("testkit with %s: parallel and reattach", (_flavor, binary) => {
  it(
    "runs in-process test cases in parallel, each with its own provider server",
    async (ctx) => {
      const dirs = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), "testkit-par-")));
      try {
        await Promise.all(
          dirs.map((d, i) =>
            acceptanceTest(
              {
                binary,
                provider: inProcess,
                steps: [
                  {
                    config: itemCfg("same", `c${i}`),
                    variables: { dir: d },
                    check: (s) => s.resource("testkit_item.a").expect("content", `c${i}`),
                  },
                ],
                checkDestroy: () => expect(existsSync(join(d, "same.json"))).toBe(false),
              },
              ctx,
            ),
          ),
        );
      } finally {
        for (const d of dirs) rmSync(d, { recursive: true, force: true });
      }
    },
    T,
  );

  it(
    "takes a provider you serve yourself in debug mode (reattach)",
    async (ctx) => {
      let closed = false;
      const provider: ProviderUnderTest = {
        name: "testkit",
        reattach: async () => {
          const server = await serve(buildTestkit(), {
            debug: true,
            providerAddress: "registry.opentofu.org/pyvider/testkit",
            exitOnShutdown: false,
            handleProcessEvents: false,
            watchParent: false,
            captureStdout: false,
            stdout: { write: () => true },
            logger: () => {},
          });
          return {
            config: server.reattach!,
            close: async () => {
              closed = true;
              await server.shutdown();
            },
          };
        },
      };
      const report = await acceptanceTest(
        {
          binary,
          provider,
          skipFor: (b) => (b.flavor === "opentofu" ? undefined : "the reattach address below is OpenTofu's"),
          steps: [
            step({
              config: itemCfg("r", "x"),
              check: (s) => s.resource("testkit_item.a").expect("id", "item-r"),
            }),
          ],
        },
        ctx,
      );
      expect(report.commands[0]).toBe("tofu init -no-color -input=false");
      expect(closed).toBe(true);
    },
    T,
  );
});

describe.each(testBinaries())("testkit executable through dev_overrides with %s", (_flavor, binary) => {
  let executable: ProviderUnderTest;
  beforeAll(async () => {
    const bundle = await buildTestkitExecutable();
    executable = { name: "testkit", command: process.execPath, args: [bundle] };
  });
  it(
    "creates, imports by block and destroys",
    async (ctx) => {
      await acceptanceTest(
        {
          binary,
          provider: executable,
          steps: [
            step({
              config: itemCfg("x", "exe"),
              check: (s) => s.resource("testkit_item.a").expect("id", "item-x"),
            }),
            step({
              importState: true,
              importStateKind: "block",
              resourceName: "testkit_item.a",
              importStateVerify: true,
              importStateId: "x",
            }),
          ],
        },
        ctx,
      );
    },
    T,
  );
});
