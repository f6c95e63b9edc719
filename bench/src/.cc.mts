import { readdirSync, readFileSync } from "node:fs";
import { startProviderProcess } from "@pyvider/testing";
const subj = JSON.parse(process.argv[2]);
const cpu = (pid) => { let ns = 0; for (const t of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, "utf8").split(" ")[0]); return ns / 1e6; };
const res = {};
const N = +(process.argv[3] ?? 11);
for (let i = 0; i < N; i++) for (const [k, cmd] of Object.entries(subj)) {
  const t0 = performance.now();
  const p = await startProviderProcess({ command: cmd, env: { NODE_EXTRA_CA_CERTS: undefined } });
  const t1 = performance.now(); const c0 = cpu(p.pid);
  await p.getProviderSchema({});
  const t2 = performance.now();
  await new Promise((r) => setTimeout(r, 250));
  const c1 = cpu(p.pid);
  (res[k] ??= []).push([t1 - t0, t2 - t1, c0, c1]);
  await p.dispose();
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
for (const [k, v] of Object.entries(res)) console.log(k.padEnd(6), ["start", "schema", "cpu@hs", "cpu@schema"].map((n, j) => `${n} ${med(v.map((x) => x[j])).toFixed(1)}`).join("  "));
