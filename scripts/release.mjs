#!/usr/bin/env node
// `npm run release`: version → install → build → test → publish, every step named, stopping at
// the first that fails. See CONTRIBUTING.md ("Releasing").
//
//   npm run release                      version the pending changesets, build, test, publish
//   npm run release -- --dry-run         the same without changing or publishing anything:
//                                        shows the planned bumps, builds, tests, and packs what
//                                        would be published (pnpm publish --dry-run)
//   npm run release -- --skip-tests      leave out `npm test` (when CI already ran it on this commit)
//   npm run release -- --snapshot <tag>  publish 0.0.0-<tag>-<datetime> versions under the dist-tag
//                                        <tag> (no git tags), e.g. to try a build from a registry
//
// The registry is npm's configured one (`npm_config_registry` / .npmrc); publishing needs a login
// (`npm login`) with rights to the @pyvider scope. After a real release, commit the bumped
// package.json files and CHANGELOG.md files and push the tags `changeset publish` created:
// `git push --follow-tags`.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pnpmCommand } from "./bootstrap.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The options of one run, from the command line. */
export function parseArgs(argv) {
  const options = { dryRun: false, skipTests: false, snapshot: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--dry-run") options.dryRun = true;
    else if (arg === "--skip-tests") options.skipTests = true;
    else if (arg === "--snapshot") {
      const tag = argv[++i];
      if (tag === undefined || !/^[a-z][a-z0-9-]*$/.test(tag))
        throw new Error("--snapshot needs a tag name (lowercase letters, digits and dashes)");
      options.snapshot = tag;
    } else throw new Error(`unknown option ${arg} (known: --dry-run, --skip-tests, --snapshot <tag>)`);
  }
  return options;
}

/** The steps of a release, in order: a name and the command (pnpm arguments or a full command). */
export function releaseSteps({ dryRun, skipTests, snapshot }) {
  const steps = [];
  if (dryRun)
    steps.push({ name: "version (planned bumps only)", pnpm: ["exec", "changeset", "status", "--verbose"] });
  else
    steps.push({
      name: "version",
      pnpm: ["exec", "changeset", "version", ...(snapshot === undefined ? [] : ["--snapshot", snapshot])],
    });
  if (!dryRun)
    steps.push({
      name: "install (the lockfile follows the new versions)",
      pnpm: ["install", "--no-frozen-lockfile"],
    });
  steps.push({ name: "build", pnpm: ["exec", "turbo", "run", "build", "--output-logs=errors-only"] });
  if (!skipTests) steps.push({ name: "test", command: ["npm", "test"] });
  if (dryRun)
    steps.push({
      name: "publish (dry run: packs what would be published)",
      pnpm: [
        "-r",
        "--filter",
        "./packages/*",
        "publish",
        "--dry-run",
        "--no-git-checks",
        "--access",
        "public",
      ],
    });
  else
    steps.push({
      name: "publish",
      pnpm: [
        "exec",
        "changeset",
        "publish",
        ...(snapshot === undefined ? [] : ["--tag", snapshot, "--no-git-tag"]),
      ],
    });
  return steps;
}

function run(step, index, total) {
  const [cmd, ...args] = step.command ?? [...pnpmCommand(), ...step.pnpm];
  process.stderr.write(`\n[release] ${index}/${total} ${step.name}: ${cmd} ${args.join(" ")}\n`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    process.stderr.write(`[release] step "${step.name}" failed (exit ${result.status ?? result.signal})\n`);
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`[release] ${error.message}\n`);
    process.exit(2);
  }
  const steps = releaseSteps(options);
  steps.forEach((step, i) => {
    run(step, i + 1, steps.length);
  });
  process.stderr.write(
    options.dryRun
      ? "\n[release] dry run passed: nothing was versioned or published\n"
      : options.snapshot !== undefined
        ? `\n[release] published snapshot versions under the dist-tag "${options.snapshot}"; revert the version bumps (git checkout -- packages .changeset) before committing\n`
        : "\n[release] published; now commit the versions and CHANGELOGs and run `git push --follow-tags`\n",
  );
}
