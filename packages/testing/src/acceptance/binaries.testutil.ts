/**
 * Test utility: the binaries this package's own acceptance tests run against: the repository's
 * pinned OpenTofu and the experiments-enabled Terraform (from `PYVIDER_TOFU_PATH` /
 * `PYVIDER_TERRAFORM_PATH`, which `npm test` exports, else the per-machine cache), and the
 * `terraform` on PATH when there is one (a release build, e.g. 1.11.4).
 */
import { accessSync, constants, existsSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";

const cache =
  process.env.PYVIDER_CACHE_DIR ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "pyvider-ts");

/** The OpenTofu binary, or undefined. */
export const tofuPath: string | undefined = [
  process.env.PYVIDER_TOFU_PATH,
  join(cache, "tofu", "v1.12.6", "tofu"),
].find((p): p is string => p !== undefined && p !== "" && existsSync(p));

/** The Terraform binary, or undefined. */
export const terraformPath: string | undefined = [
  process.env.PYVIDER_TERRAFORM_PATH,
  join(cache, "terraform", "v1.16.4", "terraform"),
].find((p): p is string => p !== undefined && p !== "" && existsSync(p));

/** The `terraform` on PATH, unless it is the experiments-enabled build itself; or undefined. */
export const pathTerraform: string | undefined = (() => {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const p = join(dir, "terraform");
    try {
      accessSync(p, constants.X_OK);
    } catch {
      continue;
    }
    if (terraformPath !== undefined && realpathSync(p) === realpathSync(terraformPath)) return undefined;
    return p;
  }
  return undefined;
})();

/**
 * `[label, path]` of each binary found (the terraform on PATH as `terraform (PATH)`). Under
 * `CI=true` a missing pinned one is an error (the acceptance tests must run there); locally the
 * tests of a missing one are not generated. No terraform on PATH is one binary fewer.
 */
export function testBinaries(): [string, string][] {
  const out: [string, string][] = [];
  if (tofuPath !== undefined) out.push(["opentofu", tofuPath]);
  if (terraformPath !== undefined) out.push(["terraform", terraformPath]);
  if (pathTerraform !== undefined) out.push(["terraform (PATH)", pathTerraform]);
  const ci =
    process.env.CI !== undefined &&
    process.env.CI !== "" &&
    process.env.CI !== "false" &&
    process.env.CI !== "0";
  if (ci && (tofuPath === undefined || terraformPath === undefined)) {
    throw new Error(
      `CI=true but ${tofuPath === undefined ? "OpenTofu" : "Terraform"} was not found: set PYVIDER_TOFU_PATH and PYVIDER_TERRAFORM_PATH (npm test does) or run node scripts/tofu.mjs --ensure`,
    );
  }
  return out;
}
