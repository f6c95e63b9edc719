#!/usr/bin/env node
// `npm run demo`: the main job. Until the example provider lands, a cty round trip.
import { spawnSync } from "node:child_process";
import { pnpm } from "./bootstrap.mjs";

pnpm(["exec", "turbo", "run", "build", "--filter=@pyvider/cty", "--output-logs=errors-only"]);
const r = spawnSync(process.execPath, ["packages/cty/examples/roundtrip.mjs"], { stdio: "inherit" });
process.exit(r.status ?? 1);
