import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Unknown } from "@pyvider/cty";
import { afterEach, describe, expect, it } from "vitest";
import { checksumOf } from "../store/index.js";
import { buildKvProvider } from "./index.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function configured() {
  const path = mkdtempSync(join(tmpdir(), "kv-provider-"));
  dirs.push(path);
  const provider = buildKvProvider();
  const outcome = await provider.configure({ config: { path, namespace: "demo" } });
  expect(outcome.diagnostics).toEqual([]);
  return { provider, path };
}

const config = (over: Record<string, unknown> = {}) => ({
  key: "app/db",
  value: "one",
  value_wo: null,
  value_wo_version: null,
  tags: null,
  ttl_seconds: null,
  id: null,
  version: null,
  created_at: null,
  updated_at: null,
  checksum: null,
  ...over,
});
const unknowns = {
  id: Unknown,
  version: Unknown,
  created_at: Unknown,
  updated_at: Unknown,
  checksum: Unknown,
};

describe("kv_entry through the hub runtime (sketch)", () => {
  it("create, drift by editing, update with version + 1, delete", async () => {
    const { provider, path } = await configured();
    const entry = provider.resource("kv_entry")!;
    const planned = await entry.plan({
      config: config(),
      prior: null,
      proposed: { ...config(), ...unknowns },
    });
    expect(planned.diagnostics).toEqual([]);
    expect(planned.value?.planned).toMatchObject({ id: "demo/app/db", version: 1 });
    const created = await entry.create({ config: config(), plan: planned.value!.planned! });
    expect(created.diagnostics).toEqual([]);
    const state = created.value!.state!;
    expect(state).toMatchObject({ key: "app/db", value: "one", version: 1, checksum: checksumOf("one") });
    expect(created.value!.identity).toEqual({ namespace: "demo", key: "app/db" });

    const file = join(path, "demo", "app%2Fdb.json");
    writeFileSync(file, readFileSync(file, "utf8").replace('"value": "one"', '"value": "edited"'));
    const read = await entry.read({ state });
    expect(read.value?.state).toMatchObject({ value: "edited", version: 1, checksum: checksumOf("edited") });

    const prior = read.value!.state!;
    const next = config({ value: "two" });
    const plan2 = await entry.plan({ config: next, prior, proposed: { ...prior, value: "two" } });
    expect(plan2.value?.planned).toMatchObject({ version: 2, checksum: checksumOf("two") });
    const updated = await entry.update({ config: next, plan: plan2.value!.planned!, prior });
    expect(updated.value?.state).toMatchObject({ value: "two", version: 2, created_at: state.created_at });

    expect((await entry.delete({ prior: updated.value!.state! })).ok).toBe(true);
    expect((await entry.read({ state: updated.value!.state! })).value?.state).toBeNull();
  });
});
