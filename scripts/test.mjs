#!/usr/bin/env node
// `npm test`: every test in the repo. Ensures OpenTofu (and Terraform, when it builds here),
// builds the packages, runs the whole vitest workspace, and ends with one line:
// `N passed, N failed`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pnpm } from "./bootstrap.mjs";
import { ensure } from "./tofu.mjs";

const stage = (msg) => process.stderr.write(`\n[test] ${msg}\n`);

stage("providing OpenTofu");
process.env.PYVIDER_TOFU_PATH = ensure("tofu");

if (process.env.PYVIDER_SKIP_TERRAFORM !== "1") {
  stage("providing Terraform (experiments-enabled build)");
  try {
    process.env.PYVIDER_TERRAFORM_PATH = ensure("terraform");
  } catch (err) {
    // Terraform-only suites report this reason themselves; OpenTofu covers the rest.
    process.env.PYVIDER_TERRAFORM_UNAVAILABLE = String(err.message || err);
    stage(`Terraform unavailable: ${process.env.PYVIDER_TERRAFORM_UNAVAILABLE}`);
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
