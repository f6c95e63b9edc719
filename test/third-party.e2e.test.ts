/**
 * `npm run e2e:third-party` inside `npm test`: a snapshot release into a local Verdaccio, then
 * cty alone and the scaffold to a running provider, installed with npm from that registry.
 * It runs when CI=true (CI must run it) or PYVIDER_E2E_THIRD_PARTY=1; elsewhere it is left to
 * `npm run e2e:third-party`, since it builds and publishes all seven packages (minutes).
 * Its registry port, temporary directories and npm cache are its own, so it can run next to
 * the other end-to-end suites.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("../scripts/e2e-third-party.mjs", import.meta.url));
const requested = process.env.CI === "true" || process.env.PYVIDER_E2E_THIRD_PARTY === "1";

describe.runIf(requested)(
  "third-party use from a local registry (runs when CI=true or PYVIDER_E2E_THIRD_PARTY=1)",
  () => {
    it("releases to Verdaccio, installs cty alone and scaffolds a provider that plans and applies", async () => {
      const { code, stdout, stderr } = await new Promise<{
        code: number | null;
        stdout: string;
        stderr: string;
      }>((resolve, reject) => {
        const child = spawn(process.execPath, [SCRIPT], { stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        child.stdout.setEncoding("utf8").on("data", (d: string) => {
          out += d;
        });
        child.stderr.setEncoding("utf8").on("data", (d: string) => {
          err += d;
        });
        child.once("error", reject);
        child.once("close", (c) => resolve({ code: c, stdout: out, stderr: err }));
      });
      const lines = stdout.trim().split("\n");
      expect(code, `${stderr}\n${stdout}`).toBe(0);
      expect(lines.at(-1)).toMatch(/^third-party: \d+ checks passed$/);
      // every check the script announced passed, OpenTofu's four steps and the cty checks among them
      const ok = stderr.split("\n").filter((l) => /^\[third-party [\d.]+s\] ok: /.test(l));
      expect(Number(/(\d+) checks/.exec(lines.at(-1) ?? "")?.[1])).toBe(ok.length);
      for (const step of [
        "cty alone: CJS require",
        "OpenTofu: second plan shows no changes",
        "scaffold: `npm test` is green",
      ]) {
        expect(
          ok.some((l) => l.includes(step)),
          step,
        ).toBe(true);
      }
      expect(stdout).toMatch(
        /^runtime install of a provider: \d+ packages, [\d.]+ MB of files, [\d.]+ MB on disk$/m,
      );
    }, 1_800_000);
  },
);
