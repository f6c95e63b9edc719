/**
 * The acceptance runner's machinery against the real binaries, with Terraform's built-in
 * `terraform_data` resource (no provider needed): config steps, variables, checks, plan checks,
 * expectError, the plan after apply, refresh, preConfig and the failure messages.
 */
import { describe, expect, it } from "vitest";
import { tofuPath } from "./binaries.testutil.js";
import { identifyBinary } from "./binary.js";
import {
  expectEmptyPlan,
  expectPlannedValue,
  expectResourceAction,
  expectUnknownValue,
} from "./plan-checks.js";
import { acceptanceTest } from "./runner.js";

const binary = tofuPath;
const T = 120_000;

describe.skipIf(binary === undefined)("acceptance machinery (terraform_data)", () => {
  it("identifies OpenTofu from version -json and version", async () => {
    const b = await identifyBinary(binary!);
    expect(b.flavor).toBe("opentofu");
    expect(b.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it(
    "runs config steps with variables, checks, plan checks and destroys at the end",
    async (ctx) => {
      const report = await acceptanceTest(
        {
          binary: binary!,
          steps: [
            {
              config: `variable "v" {}\nresource "terraform_data" "a" { input = var.v }\noutput "o" { value = terraform_data.a.output }`,
              variables: { v: "one" },
              planChecks: {
                preApply: [
                  expectResourceAction("terraform_data.a", "create"),
                  expectUnknownValue("terraform_data.a", "id"),
                ],
              },
              check: (s) => {
                s.resource("terraform_data.a").expect("input", "one").expect("output", /^o/).expectSet("id");
                s.expectOutput("o", "one");
              },
            },
            {
              config: `variable "v" {}\nresource "terraform_data" "a" { input = var.v }\noutput "o" { value = terraform_data.a.output }`,
              variables: { v: "two" },
              planChecks: {
                preApply: [
                  expectResourceAction("terraform_data.a", "update"),
                  expectPlannedValue("terraform_data.a", "input", "two"),
                ],
                postApplyPostRefresh: [expectEmptyPlan()],
              },
              check: (s) => s.expectOutput("o", "two"),
            },
            { refreshState: true, check: (s) => s.resource("terraform_data.a").expect("input", "two") },
            {
              config: `resource "terraform_data" "a" {\n  input = "two"\n  triggers_replace = ["x"]\n}`,
              planChecks: { preApply: [expectResourceAction("terraform_data.a", "replace")] },
            },
          ],
          checkDestroy: (last) => {
            expect(last.addresses).toEqual(["terraform_data.a"]);
          },
        },
        ctx,
      );
      expect(report.commands.filter((c) => c.includes(" apply "))).toHaveLength(4);
      expect(report.commands.at(-2)).toMatch(/ destroy /);
    },
    T,
  );

  it(
    "expectError matches errors across wrapped lines; a plan-only step passes on an empty plan",
    async (ctx) => {
      await acceptanceTest(
        {
          binary: binary!,
          steps: [
            { config: `resource "terraform_data" "a" { input = "x" }` },
            { config: `resource "terraform_data" "a" { input = "x" }`, planOnly: true },
            {
              config: `variable "ok" { default = false }\nresource "terraform_data" "a" {\n  input = "x"\n  lifecycle {\n    precondition {\n      condition = var.ok\n      error_message = "the precondition failed with a rather long message that wraps over lines"\n    }\n  }\n}`,
              expectError: /precondition failed with a rather long message that wraps over lines/,
            },
          ],
        },
        ctx,
      );
    },
    T,
  );

  it(
    "fails on a non-empty plan after apply, listing the changes (unless expectNonEmptyPlan)",
    async (ctx) => {
      const config = `resource "terraform_data" "a" { triggers_replace = [timestamp()] }`;
      const err = await acceptanceTest({ binary: binary!, steps: [{ config }] }, ctx).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      const msg = (err as Error).message;
      expect(msg).toMatch(/^step 1\/1 \(apply\) failed\nafter applying, the plan was not empty/);
      expect(msg).toContain("terraform_data.a: replace");
      expect(msg).toMatch(/after: tofu plan -no-color -input=false -out=tfplan-post/);
      await acceptanceTest({ binary: binary!, steps: [{ config, expectNonEmptyPlan: true }] }, ctx);
    },
    T,
  );

  it(
    "reports a failed check with the step, the attribute path, expected and actual values",
    async (ctx) => {
      const err = await acceptanceTest(
        {
          binary: binary!,
          steps: [
            { config: `resource "terraform_data" "a" { input = "x" }` },
            {
              name: "second",
              config: `resource "terraform_data" "a" { input = "y" }`,
              check: (s) => s.resource("terraform_data.a").expect("input", "z"),
            },
          ],
        },
        ctx,
      ).catch((e: Error) => e);
      const msg = (err as Error).message;
      expect(msg).toMatch(
        /^step 2\/2 \(second\) failed: check\nterraform_data\.a: attribute input: expected "z", got "y"\n/,
      );
      expect(msg).toContain("after: tofu apply -no-color -input=false -auto-approve tfplan");
      expect(msg).toMatch(/binary: OpenTofu \d/);
    },
    T,
  );

  it(
    "reports a failed command with its output, and an unmatched expectError",
    async (ctx) => {
      const bad = await acceptanceTest(
        { binary: binary!, steps: [{ config: `resource "terraform_data" "a" { nope = 1 }` }] },
        ctx,
      ).catch((e: Error) => e);
      const msg = (bad as Error).message;
      expect(msg).toMatch(
        /^step 1\/1 \(apply\) failed: plan\ncommand: tofu plan -no-color -input=false -out=tfplan \(exit 1\)/,
      );
      expect(msg).toMatch(/output:\n {2}Error: Unsupported argument/);

      const unmatched = await acceptanceTest(
        {
          binary: binary!,
          steps: [{ config: `resource "terraform_data" "a" { nope = 1 }`, expectError: /something else/ }],
        },
        ctx,
      ).catch((e: Error) => e);
      expect((unmatched as Error).message).toMatch(
        /failed: plan \(with an error not matching \/something else\/\)/,
      );

      const missing = await acceptanceTest(
        { binary: binary!, steps: [{ config: `resource "terraform_data" "a" {}`, expectError: /boom/ }] },
        ctx,
      ).catch((e: Error) => e);
      expect((missing as Error).message).toMatch(
        /expected an error matching \/boom\/, but plan and apply succeeded/,
      );
    },
    T,
  );

  it(
    "runs preConfig before the step and reports a missing resource with the ones there are",
    async (ctx) => {
      let calls = 0;
      const err = await acceptanceTest(
        {
          binary: binary!,
          steps: [
            {
              preConfig: () => {
                calls++;
              },
              config: `resource "terraform_data" "a" {}`,
              check: (s) => s.resource("terraform_data.b"),
            },
          ],
        },
        ctx,
      ).catch((e: Error) => e);
      expect(calls).toBe(1);
      expect((err as Error).message).toContain(
        "no resource terraform_data.b in the state (it has terraform_data.a)",
      );
    },
    T,
  );

  it(
    "runs test cases in parallel without collisions (own directories, CLI configs and states); files and outputs",
    async (ctx) => {
      const one = (n: number) =>
        acceptanceTest(
          {
            binary: binary!,
            steps: [
              {
                files: {
                  "main.tf": `resource "terraform_data" "a" { input = "${n}" }`,
                  "outputs.tf.json": JSON.stringify({
                    // biome-ignore lint/suspicious/noTemplateCurlyInString: an HCL template in JSON syntax
                    output: { o: { value: "${terraform_data.a.output}" } },
                  }),
                },
                check: (s) => s.expectOutput("o", String(n)),
              },
            ],
          },
          ctx,
        );
      const reports = await Promise.all([one(1), one(2), one(3)]);
      expect(reports.map((r) => r.lastState?.output("o"))).toEqual(["1", "2", "3"]);
    },
    T,
  );

  it(
    "reports a failed plan check and a failed destroy check",
    async (ctx) => {
      const config = `resource "terraform_data" "a" { input = "x" }`;
      const plan = await acceptanceTest(
        {
          binary: binary!,
          steps: [{ config, planChecks: { preApply: [expectResourceAction("terraform_data.a", "update")] } }],
        },
        ctx,
      ).catch((e: Error) => e);
      expect((plan as Error).message).toMatch(
        /^step 1\/1 \(apply\) failed: pre-apply plan check\nterraform_data\.a: expected planned action update, got create \(id = \(known after apply\); input = "x"; output = \(known after apply\)\)\n/,
      );
      const destroy = await acceptanceTest(
        {
          binary: binary!,
          steps: [{ config }],
          checkDestroy: (last) => {
            throw new Error(`still there: ${last.addresses.join(", ")}`);
          },
        },
        ctx,
      ).catch((e: Error) => e);
      expect((destroy as Error).message).toMatch(
        /^final destroy \(after step 1\/1\) failed: destroy check\nstill there: terraform_data\.a\n/,
      );
    },
    T,
  );
});
