#!/usr/bin/env node
// Makes a fresh clone ready: pnpm (pinned in package.json) and the workspace dependencies.
// Idempotent: a second run only checks that the lockfile is satisfied.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pinned = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager.split("@")[1];

/** The command that runs the pinned pnpm: a matching global pnpm, else npx (corepack is not used). */
export function pnpmCommand() {
  const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8" });
  if (probe.status === 0 && probe.stdout.trim() === pinned) return ["pnpm"];
  return ["npx", "-y", `pnpm@${pinned}`];
}

export function pnpm(args, { allowFailure = false, ...opts } = {}) {
  const [cmd, ...pre] = pnpmCommand();
  const r = spawnSync(cmd, [...pre, ...args], { cwd: root, stdio: "inherit", ...opts });
  if (r.status !== 0 && !allowFailure) {
    process.stderr.write(`[bootstrap] pnpm ${args.join(" ")} failed (exit ${r.status})\n`);
    process.exit(r.status ?? 1);
  }
  return r;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stderr.write(`[bootstrap] installing dependencies with pnpm ${pinned}\n`);
  pnpm(["install", "--frozen-lockfile", "--prefer-offline", "--reporter=silent"], {
    env: { ...process.env, CI: "true" },
  });
}
