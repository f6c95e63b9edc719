/**
 * Telemetry from the real executable: the pinned OpenTofu runs `apply` (and a failing `plan`) with
 * the built `dist/terraform-provider-kv`, whose environment points OTLP (http/json) at a small
 * HTTP receiver on loopback in this test. The provider exports a span per RPC
 * (`tfplugin6.Provider/ApplyResourceChange`, attributes `rpc`, `type_name`, `outcome`) with the
 * handler's span (`pyvider.resource.create`) as its child, and the request, error and duration
 * metrics, flushed before each provider process exits. A sensitive value of the configuration
 * appears in no exported payload. Without `OTEL_*` the executable never loads the SDK: it serves
 * with its `otel-sdk.cjs` sidecar removed.
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerBlock, T, tofuBinary } from "./support/kv.js";
import { ensureExecutable, TfDir } from "./support/tf.js";

const SECRET = "otel-Secret-9d2e71c4";

interface Post {
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

type AnyValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean };
type KeyValue = { key: string; value: AnyValue };
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: KeyValue[];
  status?: { code?: number };
}
interface OtlpDataPoint {
  attributes: KeyValue[];
  asInt?: string | number;
  asDouble?: number;
  count?: string | number;
}
interface OtlpMetric {
  name: string;
  sum?: { dataPoints: OtlpDataPoint[] };
  histogram?: { dataPoints: OtlpDataPoint[] };
}

const posts: Post[] = [];
let server: Server;
let endpoint: string;
const dirs: TfDir[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      posts.push({
        path: req.url ?? "",
        contentType: String(req.headers["content-type"] ?? ""),
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const d of dirs) await d.dispose();
  await new Promise((resolve) => server?.close(resolve));
});

const attr = (attributes: readonly KeyValue[], key: string): string | undefined => {
  const v = attributes.find((a) => a.key === key)?.value;
  return v?.stringValue ?? (v?.intValue === undefined ? undefined : String(v.intValue));
};

function spans(): OtlpSpan[] {
  return posts
    .filter((p) => p.path === "/v1/traces")
    .flatMap((p) =>
      (JSON.parse(p.body).resourceSpans ?? []).flatMap(
        (rs: { scopeSpans?: { spans?: OtlpSpan[] }[] }) =>
          rs.scopeSpans?.flatMap((ss) => ss.spans ?? []) ?? [],
      ),
    );
}

function serviceNames(): string[] {
  return posts
    .filter((p) => p.path === "/v1/traces")
    .flatMap((p) =>
      (JSON.parse(p.body).resourceSpans ?? []).map((rs: { resource?: { attributes: KeyValue[] } }) =>
        attr(rs.resource?.attributes ?? [], "service.name"),
      ),
    );
}

function metrics(): OtlpMetric[] {
  return posts
    .filter((p) => p.path === "/v1/metrics")
    .flatMap((p) =>
      (JSON.parse(p.body).resourceMetrics ?? []).flatMap(
        (rm: { scopeMetrics?: { metrics?: OtlpMetric[] }[] }) =>
          rm.scopeMetrics?.flatMap((sm) => sm.metrics ?? []) ?? [],
      ),
    );
}

/** A counter point's value (counters are doubles unless created as integers). */
const value = (p: OtlpDataPoint): number => Number(p.asDouble ?? p.asInt ?? 0);

const points = (name: string): OtlpDataPoint[] =>
  metrics()
    .filter((m) => m.name === name)
    .flatMap((m) => m.sum?.dataPoints ?? m.histogram?.dataPoints ?? []);

const config = (store: string, extra = "") => `terraform {
  required_providers {
    kv = { source = "pyvider/kv" }
  }
}
${providerBlock(store)}
resource "kv_entry" "secret" {
  key   = "otel/secret"
  value = "${SECRET}"
}
${extra}`;

describe("OpenTelemetry from the built provider, with the pinned OpenTofu", () => {
  it(
    "exports RPC and handler spans and the request metrics over OTLP http/json, without secrets",
    async () => {
      const tf = await TfDir.create({
        binary: tofuBinary(),
        flavor: "opentofu",
        mode: "executable",
        env: {
          OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
          OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
          OTEL_METRICS_EXPORTER: "otlp",
          // OTEL_TRACES_EXPORTER=otlp would turn on OpenTofu's own tracing too, which refuses
          // http/json; the endpoint alone turns on the provider's trace export.
          OTEL_TRACES_EXPORTER: "",
        },
      });
      dirs.push(tf);
      tf.write({ "main.tf": config(tf.store) });
      await tf.must(["apply", "-auto-approve", "-no-color"]);
      // both value and value_wo: the provider answers ValidateResourceConfig with an error
      tf.write({
        "main.tf": config(
          tf.store,
          `resource "kv_entry" "both" {\n  key      = "otel/both"\n  value    = "${SECRET}"\n  value_wo = "x"\n}\n`,
        ),
      });
      await tf.must(["plan", "-no-color"], [1]);

      expect(posts.length).toBeGreaterThan(0);
      for (const post of posts) expect(post.contentType).toContain("application/json");
      expect(new Set(serviceNames())).toEqual(new Set(["terraform-provider-kv"]));

      const all = spans();
      const names = new Set(all.map((s) => s.name));
      for (const rpc of [
        "GetProviderSchema",
        "ConfigureProvider",
        "ValidateResourceConfig",
        "PlanResourceChange",
        "ApplyResourceChange",
      ]) {
        expect(names, rpc).toContain(`tfplugin6.Provider/${rpc}`);
      }
      const applies = all.filter((s) => s.name === "tfplugin6.Provider/ApplyResourceChange");
      expect(applies).toHaveLength(1);
      const apply = applies[0] as OtlpSpan;
      expect(attr(apply.attributes, "rpc")).toBe("ApplyResourceChange");
      expect(attr(apply.attributes, "rpc.system")).toBe("grpc");
      expect(attr(apply.attributes, "type_name")).toBe("kv_entry");
      expect(attr(apply.attributes, "outcome")).toBe("success");
      // the author's create handler, inside the RPC's span
      const create = all.find((s) => s.name === "pyvider.resource.create");
      expect(create).toBeDefined();
      expect(attr(create?.attributes ?? [], "type_name")).toBe("kv_entry");
      expect(create?.traceId).toBe(apply.traceId);
      expect(create?.parentSpanId).toBe(apply.spanId);
      // the invalid configuration is an error outcome (status ERROR)
      const failed = all.filter(
        (s) =>
          s.name === "tfplugin6.Provider/ValidateResourceConfig" && attr(s.attributes, "outcome") === "error",
      );
      expect(failed.length).toBeGreaterThan(0);
      expect(failed[0]?.status?.code).toBe(2);

      // metrics: calls, errors and durations, by rpc / type_name / outcome
      const requests = points("pyvider.rpc.requests");
      const applyCount = requests
        .filter(
          (p) =>
            attr(p.attributes, "rpc") === "ApplyResourceChange" &&
            attr(p.attributes, "type_name") === "kv_entry",
        )
        .reduce((n, p) => n + value(p), 0);
      expect(applyCount).toBe(1);
      const errors = points("pyvider.rpc.errors").filter(
        (p) =>
          attr(p.attributes, "rpc") === "ValidateResourceConfig" && attr(p.attributes, "outcome") === "error",
      );
      expect(errors.reduce((n, p) => n + value(p), 0)).toBeGreaterThan(0);
      const durations = points("pyvider.rpc.duration").filter(
        (p) => attr(p.attributes, "rpc") === "ApplyResourceChange",
      );
      expect(durations.reduce((n, p) => n + Number(p.count ?? 0), 0)).toBe(1);

      // no secret: not in any attribute, event or resource of any payload
      for (const post of posts) expect(post.body).not.toContain(SECRET);
      // the value really went through the provider (it is in the state), so its absence means something
      expect(JSON.stringify(await tf.state())).toContain(SECRET);
    },
    T,
  );

  it("loads no OpenTelemetry without OTEL_*: the executable serves without its otel-sdk.cjs sidecar", async () => {
    const exe = ensureExecutable();
    const dir = mkdtempSync(join(tmpdir(), "kv-otel-"));
    try {
      for (const f of ["terraform-provider-kv", "package.json"])
        copyFileSync(join(dirname(exe), f), join(dir, f));
      /** Runs it until it has served for a second (or `done` holds for its stderr), then stops it. */
      const start = (env: Record<string, string>, done: (stderr: string) => boolean = () => false) =>
        new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
          const child = spawn(join(dir, "terraform-provider-kv"), ["--debug"], {
            env: { PATH: process.env.PATH ?? "", ...env },
            stdio: ["ignore", "pipe", "pipe"],
          });
          let stdout = "";
          let stderr = "";
          let grace: NodeJS.Timeout | undefined;
          const check = () => {
            if (!stdout.includes("TF_REATTACH_PROVIDERS=")) return;
            if (done(stderr)) child.kill("SIGTERM");
            else grace ??= setTimeout(() => child.kill("SIGTERM"), 1000);
          };
          child.stdout.setEncoding("utf8").on("data", (d: string) => {
            stdout += d;
            check();
          });
          child.stderr.setEncoding("utf8").on("data", (d: string) => {
            stderr += d;
            check();
          });
          const cap = setTimeout(() => child.kill("SIGKILL"), 20_000);
          child.once("error", reject);
          child.once("close", () => {
            clearTimeout(cap);
            clearTimeout(grace);
            resolve({ stdout, stderr });
          });
        });
      const off = await start({});
      expect(off.stdout).toContain("TF_REATTACH_PROVIDERS=");
      expect(off.stderr).not.toContain("otel-sdk.cjs");
      expect(off.stderr).not.toContain("OpenTelemetry");
      // the detector works: asking for export does reach for the (missing) sidecar, and still serves
      const on = await start({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:9" }, (e) =>
        e.includes("could not start"),
      );
      expect(on.stdout).toContain("TF_REATTACH_PROVIDERS=");
      expect(on.stderr).toContain("OpenTelemetry could not start");
      expect(on.stderr).toContain("otel-sdk.cjs");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
