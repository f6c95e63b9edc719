/**
 * A child process for the store's cross-process and crash tests (not part of
 * the provider). Usage: `worker.fixture.ts <mode> <path> <namespace> <key> [n]`.
 * - `increment`: n atomic read-modify-write increments of the value.
 * - `write-forever`: rewrites the key with large values until killed, printing
 *   `ready` once the first write has landed.
 * - `state-forever`: the same with a state blob named after the key.
 * - `cas`: one write expecting version n; prints `ok <version> <checksum of "probe">` or
 *   `conflict <found version> <checksum of "probe">`.
 */
import { VersionConflictError } from "./errors.js";
import { openStore } from "./store.js";

const [mode, path, namespace, key, count] = process.argv.slice(2);
if (!mode || !path || !namespace || !key) {
  process.stderr.write("usage: worker.fixture.ts <mode> <path> <namespace> <key> [n]\n");
  process.exit(2);
}
const store = await openStore({ path, namespace, lockTimeoutMs: 60_000 });

/** A value of about 250 KiB whose every line names its generation, so a torn write is visible. */
const big = (generation: number) => `${`generation ${generation};`.repeat(1 << 14)}end ${generation}`;

if (mode === "increment") {
  for (let i = 0; i < Number(count ?? 1); i++) {
    await store.update(key, (current) => ({ value: String(Number(current?.value ?? "0") + 1) }));
  }
} else if (mode === "write-forever") {
  for (let generation = 1; ; generation++) {
    await store.put(key, { value: big(generation), tags: { generation: String(generation) } });
    if (generation === 1) process.stdout.write("ready\n");
  }
} else if (mode === "state-forever") {
  for (let generation = 1; ; generation++) {
    await store.writeState(key, Buffer.from(JSON.stringify({ serial: generation, blob: big(generation) })));
    if (generation === 1) process.stdout.write("ready\n");
  }
} else if (mode === "cas") {
  const probe = store.checksumOf("probe");
  try {
    const entry = await store.put(key, { value: `by ${process.pid}` }, { expectVersion: Number(count) });
    process.stdout.write(`ok ${entry.version} ${probe} ${process.pid}\n`);
  } catch (error) {
    if (!(error instanceof VersionConflictError)) throw error;
    process.stdout.write(`conflict ${error.actual} ${probe} ${process.pid}\n`);
  }
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
