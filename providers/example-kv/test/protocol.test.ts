/**
 * The built executable at the protocol level, with @pyvider/testing's `ProviderClient` speaking
 * the handshake and tfplugin6 like Terraform: it runs directly (shebang, mode 0755), and the
 * RPCs no CLI calls in a predictable order work: the lease's renew, the state store's
 * lock/write/read/list/unlock/delete, the action's progress, shutdown.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ProviderClient, type ProviderProcess, startProviderProcess } from "@pyvider/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeName, openStore } from "../src/store/index.js";
import { T, tempStore } from "./support/kv.js";
import { ensureExecutable } from "./support/tf.js";

let proc: ProviderProcess;
let client: ProviderClient;
const store = tempStore();
const leaseFile = (key: string) => join(store.path, "proto", ".leases", `${encodeName(key)}.json`);

beforeAll(async () => {
  const exe = ensureExecutable();
  expect(statSync(exe).mode & 0o777).toBe(0o755);
  expect(readFileSync(exe, "utf8").slice(0, 20)).toBe("#!/usr/bin/env node\n");
  proc = await startProviderProcess({ command: exe, args: [] });
  client = await ProviderClient.connect(proc);
  expect(await client.configureProvider({ path: store.path, namespace: "proto" })).toEqual([]);
  const kv = await openStore({ path: store.path, namespace: "proto" });
  await kv.put("p/leased", { value: "lease-me" });
}, T);

afterAll(async () => {
  if (proc !== undefined) await proc.dispose();
  store.cleanup();
});

describe("the executable over tfplugin6", () => {
  it(
    "kv_lease: open holds the lease, renew extends it, close releases it",
    async () => {
      const config = { key: "p/leased", ttl_seconds: 30, value: null, lease_id: null, expires_at: null };
      const opened = await client.openEphemeralResource("kv_lease", config);
      expect(opened.diagnostics).toEqual([]);
      expect(opened.result).toMatchObject({ key: "p/leased", value: "lease-me", ttl_seconds: 30 });
      const first = JSON.parse(readFileSync(leaseFile("p/leased"), "utf8"));
      expect(first.lease_id).toBe(opened.result?.lease_id);
      expect(opened.renewAt).toBeDefined();

      await new Promise((r) => setTimeout(r, 20));
      const renewed = await client.renewEphemeralResource("kv_lease", opened.private);
      expect(renewed.diagnostics).toEqual([]);
      const second = JSON.parse(readFileSync(leaseFile("p/leased"), "utf8"));
      expect(second.lease_id).toBe(first.lease_id);
      expect(Date.parse(second.expires_at)).toBeGreaterThan(Date.parse(first.expires_at));

      const again = await client.openEphemeralResource("kv_lease", config);
      expect(again.diagnostics.map((d) => `${d.summary} ${d.detail ?? ""}`).join(" ")).toMatch(
        /key "p\/leased" is leased by/,
      );

      expect(await client.closeEphemeralResource("kv_lease", opened.private)).toEqual([]);
      expect(existsSync(leaseFile("p/leased"))).toBe(false);
    },
    T,
  );

  it(
    "the kv state store: lock, chunked write and read, list, unlock, delete",
    async () => {
      const { chunkSize, diagnostics } = await client.configureStateStore("kv", {}, 1024);
      expect(diagnostics).toEqual([]);
      expect(chunkSize).toBeGreaterThan(0);
      const lock = await client.lockState("kv", "proto-ws", "OperationTypeApply");
      expect(lock.diagnostics).toEqual([]);
      const second = await client.lockState("kv", "proto-ws", "OperationTypePlan");
      expect(second.diagnostics.length).toBeGreaterThan(0);

      const blob = Buffer.from(JSON.stringify({ version: 4, serial: 1, pad: "x".repeat(5000) }));
      expect(await client.writeStateBytes("kv", "proto-ws", blob, chunkSize)).toEqual([]);
      const read = await client.readStateBytes("kv", "proto-ws");
      expect(read.diagnostics).toEqual([]);
      expect(Buffer.from(read.bytes).equals(blob)).toBe(true);
      expect(read.chunks.length).toBeGreaterThan(1);
      expect(readFileSync(join(store.path, ".states", "proto-ws.tfstate")).equals(blob)).toBe(true);

      expect((await client.getStates("kv")).states).toEqual(expect.arrayContaining(["default", "proto-ws"]));
      expect(await client.unlockState("kv", "proto-ws", lock.lockId)).toEqual([]);
      expect(await client.deleteState("kv", "proto-ws")).toEqual([]);
      expect(existsSync(join(store.path, ".states", "proto-ws.tfstate"))).toBe(false);
    },
    T,
  );

  it(
    "kv_touch reports progress; list yields identities; shutdown exits cleanly",
    async () => {
      const touched = await client.invokeAction("kv_touch", { key: "p/leased" });
      expect(touched.completed).toEqual([]);
      expect(touched.progress).toEqual([
        'touching "p/leased" in namespace "proto"',
        expect.stringMatching(/^"p\/leased" updated_at is now \d{4}-/),
      ]);
      const listed = await client.listResource("kv_entry", { prefix: "p/" }, { includeResource: true });
      expect(listed.map((e) => [e.identity, e.displayName])).toEqual([
        [{ namespace: "proto", key: "p/leased" }, "proto/p/leased"],
      ]);
      expect(listed[0]?.resource).toMatchObject({ key: "p/leased", id: "proto/p/leased", version: 1 });
      // no secret value in anything the provider wrote to stderr
      expect(proc.stderrLines.join("\n")).not.toContain("lease-me");
      expect(await proc.shutdown()).toEqual({ code: 0, signal: null });
    },
    T,
  );
});
