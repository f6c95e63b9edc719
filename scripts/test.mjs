#!/usr/bin/env node
// `npm test`: every test in the repo. Ensures OpenTofu (and Terraform, when it builds here),
// builds the packages, runs the whole vitest workspace, and ends with one line:
// `N passed, N failed`.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pnpm } from "./bootstrap.mjs";
import { ensure, unavailableVar } from "./tofu.mjs";

const stage = (msg) => process.stderr.write(`\n[test] ${msg}\n`);

// A tool that cannot be had fails only the tests that need it: its reason goes into
// PYVIDER_<TOOL>_UNAVAILABLE, which those tests report (under CI=true they fail, never skip) and
// scripts/tofu.mjs returns at once instead of building again.
const tools = [
  ["tofu", "OpenTofu", "PYVIDER_TOFU_PATH"],
  ["terraform", "Terraform (experiments-enabled build)", "PYVIDER_TERRAFORM_PATH"],
];
for (const [tool, name, pathVar] of tools) {
  if (tool === "terraform" && process.env.PYVIDER_SKIP_TERRAFORM === "1") continue;
  stage(`providing ${name}`);
  try {
    process.env[pathVar] = ensure(tool);
  } catch (err) {
    process.env[unavailableVar(tool)] = String(err.message || err);
    stage(
      `${name} unavailable; the tests that need it will fail with:\n${process.env[unavailableVar(tool)]}`,
    );
  }
}

stage("building packages");
pnpm(["exec", "turbo", "run", "build", "--output-logs=errors-only"]);

stage("running tests");
const outDir = mkdtempSync(join(tmpdir(), "pyvider-test-"));
const report = join(outDir, "report.json");
const args = [
  "exec",
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const run = pnpm(args, { allowFailure: true });
let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, "utf8"));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  skipped = r.numPendingTests + r.numTodoTests;
  // a test file that failed to load counts as a failure too
  failed += r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
}
rmSync(outDir, { recursive: true, force: true });
if (!existsSync(report) && run.status !== 0 && passed + failed === 0) failed = 1;
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
