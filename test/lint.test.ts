import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";

/** The whole repository passes Biome's lint and format check (`npm run lint`). */
it("passes biome check", () => {
  const root = join(__dirname, "..");
  const r = spawnSync(join(root, "node_modules/.bin/biome"), ["check", ".", "--max-diagnostics=50"], {
    cwd: root,
    encoding: "utf8",
  });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
});
