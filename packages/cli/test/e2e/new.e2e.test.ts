/**
 * `pyvider new`: the scaffold's files, then the whole chain a user runs: install (linked to this
 * checkout's packages, with pnpm and with npm), type-check, the project's own tests, and
 * `pyvider build` of the result. Both installs link the checkout's built packages (dist/, through
 * their exports), as a user of a local checkout gets them; the docs and schema steps import the
 * provider module after the install. (scripts/e2e-third-party.mjs covers the registry path.)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "./cli.js";

const REPO = fileURLToPath(new URL("../../../../", import.meta.url));
const PNPM = ["-y", "pnpm@10.34.8"];
let root: string;
let cleanup: () => void;
let project: string;

/**
 * The project's tsconfig with the checkout's @types as type roots; the @pyvider packages come from
 * the install (links to the checkout's built packages), through their exports.
 */
function sourcePaths(dir: string): string {
  const file = join(dir, "tsconfig.source.json");
  writeFileSync(
    file,
    JSON.stringify({
      extends: "./tsconfig.json",
      compilerOptions: { typeRoots: [join(REPO, "node_modules/@types")] },
    }),
  );
  return file;
}

beforeAll(async () => {
  const t = tempDir("new");
  root = t.dir;
  cleanup = t.cleanup;
  const r = await runCli(
    ["new", "terraform-provider-demo", "--namespace", "acme", "--link", REPO, "--json"],
    root,
  );
  if (r.code !== 0) throw new Error(r.stderr);
  project = join(root, "terraform-provider-demo");
});
afterAll(() => cleanup?.());

describe("pyvider new", () => {
  it("writes the project: package.json with the pyvider field, components, tests, examples, README", () => {
    for (const f of [
      "src/provider.ts",
      "src/main.ts",
      "src/file.resource.ts",
      "src/file.data-source.ts",
      "src/slug.function.ts",
      "test/provider.test.ts",
      "examples/resources/demo_file/resource.tf",
      "examples/data-sources/demo_file/data-source.tf",
      "examples/functions/slug/function.tf",
      "README.md",
    ]) {
      expect(existsSync(join(project, f)), f).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
    expect(pkg.pyvider).toEqual({
      type: "demo",
      namespace: "acme",
      hostname: "registry.terraform.io",
      entry: "src/main.ts",
    });
    expect(pkg.dependencies["@pyvider/hub"]).toMatch(/^file:.*packages\/hub$/);
    expect(pkg.devDependencies["@pyvider/testing"]).toMatch(/^file:/);
    expect(pkg.pnpm.overrides["@pyvider/telemetry"]).toMatch(/^link:.*packages\/telemetry$/);
    expect(readFileSync(join(project, "examples/quickstart/main.tf"), "utf8")).toContain(
      'demo = {\n      source = "acme/demo"\n    }',
    );
  });

  it("says what to do next, the checkout's build first", async () => {
    const r = await runCli(["new", "other", "--link", REPO], root);
    expect(r.code, r.stderr).toBe(0);
    const next = r.stdout.slice(r.stdout.indexOf("Next:"));
    expect(next).toContain(`(cd ${REPO} && node scripts/bootstrap.mjs && npm run build)`);
    expect(next).toContain("npm install                 # or pnpm install");
    expect(next).toContain("export TF_CLI_CONFIG_FILE=$PWD/.pyvider/dev.tfrc");
    expect(next).toContain("cd examples/quickstart && tofu plan");
  });

  it("refuses a non-empty directory and a bad type name", async () => {
    const again = await runCli(["new", "terraform-provider-demo"], root);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("exists and is not empty");
    const bad = await runCli(["new", "x", "--type", "Bad_Name"], root);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("not a valid provider type name");
  });

  it("installs, type-checks, passes its own tests and builds into a working provider", async () => {
    execFileSync("npx", [...PNPM, "install", "--prefer-offline", "--ignore-workspace"], {
      cwd: project,
      stdio: "pipe",
      timeout: 240_000,
    });
    const tsconfig = sourcePaths(project);
    const tsc = spawnSync(process.execPath, [join(REPO, "node_modules/typescript/bin/tsc"), "-p", tsconfig], {
      cwd: project,
      encoding: "utf8",
    });
    // only the scaffold's own files: errors inside the workspace packages are theirs to fix
    const own = (tsc.stdout + tsc.stderr).split("\n").filter((l) => /^(src|test)\//.test(l));
    expect(own).toEqual([]);
    const test = spawnSync(join(project, "node_modules/.bin/vitest"), ["run"], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
      timeout: 240_000,
    });
    expect(test.status, test.stdout + test.stderr).toBe(0);
    const build = await runCli(["build", "--tsconfig", tsconfig, "--json", "--runs", "1"], project);
    expect(build.code, build.stderr).toBe(0);
    expect(JSON.parse(build.stdout).startup.median_ms).toBeGreaterThan(0);
  }, 600_000);

  it("documents itself from its provider module", async () => {
    const r = await runCli(["docs", "--module", "src/provider.ts"], project);
    expect(r.code, r.stderr).toBe(0);
    const page = readFileSync(join(project, "docs/resources/file.md"), "utf8");
    expect(page).toContain("# demo_file (Resource)");
    expect(page).toContain('```terraform\nresource "demo_file" "greeting" {');
    expect(page).toContain("terraform import demo_file.greeting hello.txt");
    expect(readFileSync(join(project, "docs/functions/slug.md"), "utf8")).toContain(
      "slug(text string) string",
    );
  });

  it("installs with npm too (file: links to the checkout's built packages) and passes its tests", async () => {
    const dir = join(root, "with-npm");
    const made = await runCli(["new", "with-npm", "--namespace", "acme", "--link", REPO, "--json"], root);
    expect(made.code, made.stderr).toBe(0);
    const npmEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    const install = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], {
      cwd: dir,
      encoding: "utf8",
      env: npmEnv,
      timeout: 240_000,
    });
    expect(install.status, install.stdout + install.stderr).toBe(0);
    expect(realpathSync(join(dir, "node_modules/@pyvider/hub"))).toBe(
      realpathSync(join(REPO, "packages/hub")),
    );
    const test = spawnSync("npm", ["test"], { cwd: dir, encoding: "utf8", env: npmEnv, timeout: 240_000 });
    expect(test.status, test.stdout + test.stderr).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes
    expect(test.stdout.replace(/\u001b\[[0-9;]*m/g, "")).toMatch(/Tests\s+2 passed/);
  }, 600_000);

  it("gives the same schema from the running provider and from its module", async () => {
    const running = await runCli(["schema"], project);
    expect(running.code, running.stderr).toBe(0);
    const imported = await runCli(["schema", "--module", "src/provider.ts"], project);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toBe(running.stdout);
    expect(
      Object.keys(
        JSON.parse(running.stdout).provider_schemas["registry.terraform.io/acme/demo"].resource_schemas,
      ),
    ).toEqual(["demo_file"]);
  });

  it("plans, applies, re-plans empty and destroys examples/quickstart with the real OpenTofu through pyvider install's dev_overrides", async () => {
    const install = await runCli(["install", "--mode", "dev"], project);
    expect(install.code, install.stderr).toBe(0);
    const ensure = spawnSync(process.execPath, [join(REPO, "scripts/tofu.mjs"), "--ensure"], {
      encoding: "utf8",
    });
    const tofu = ensure.stdout.trim().split("\n").pop() ?? "";
    // the scaffold's own quickstart configuration: required_providers, resource, data source, function
    const work = join(project, "tf");
    cpSync(join(project, "examples/quickstart"), work, { recursive: true });
    const env = {
      ...process.env,
      TF_CLI_CONFIG_FILE: join(project, ".pyvider/dev.tfrc"),
      TF_IN_AUTOMATION: "1",
    };
    const tf = (...args: string[]) =>
      spawnSync(tofu, [...args, "-no-color"], { cwd: work, env, encoding: "utf8", timeout: 120_000 });
    const first = tf("plan");
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain("Plan: 1 to add");
    const apply = tf("apply", "-auto-approve");
    expect(apply.status, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain('read_back = "Hello, big-world"');
    expect(readFileSync(join(work, "out/hello.txt"), "utf8")).toBe("Hello, big-world");
    const plan = tf("plan", "-detailed-exitcode");
    expect(plan.status, plan.stdout + plan.stderr).toBe(0);
    const destroy = tf("destroy", "-auto-approve");
    expect(destroy.status, destroy.stdout + destroy.stderr).toBe(0);
    expect(existsSync(join(work, "out/hello.txt"))).toBe(false);
  }, 300_000);
});
