/**
 * A provider executable for the memory tests (`node --import tsx blob-provider.ts`): written
 * with the hub authoring API and served by `serve()`, so a request goes the whole way (framing,
 * protobuf, msgpack to cty, semantics, user code, and back). `blob_item` keeps a string.
 */
import { buildProvider, defineProvider, forProvider } from "@pyvider/hub";
import { a, s } from "@pyvider/schema";
import { serve } from "../index.js";

const blob = defineProvider({ name: "blob", schema: s.provider({}) });
const { defineResource } = forProvider(blob);

const item = defineResource({
  name: "blob_item",
  schema: s.resource({
    content: a.str({ required: true }),
    id: a.str({ computed: true }),
  }),
  create: (ctx) => ({ content: ctx.config.content, id: `blob-${ctx.config.content.length}` }),
  read: (ctx) => ctx.state,
  update: (ctx) => ({ content: ctx.config.content, id: `blob-${ctx.config.content.length}` }),
  delete: () => {},
});

await serve(buildProvider(blob, [item]), { providerAddress: "registry.terraform.io/pyvider/blob" });

if (process.env.BLOB_MEMORY_RETAINED === "1") {
  // SIGUSR2 (the probe's question): run a full collection and tell what is still in use.
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on("SIGUSR2", () => {
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    process.stderr.write(`in use after gc: ${m.heapUsed + m.arrayBuffers}\n`);
  });
}

if (process.env.BLOB_MEMORY_TRACE === "1") {
  const t0 = Date.now();
  setInterval(() => {
    const m = process.memoryUsage();
    const mb = (n: number) => Math.round(n / 2 ** 20);
    process.stderr.write(
      `mem t=${Date.now() - t0} rss=${mb(m.rss)} heap=${mb(m.heapUsed)} ext=${mb(m.external)} ab=${mb(m.arrayBuffers)}\n`,
    );
  }, 25).unref();
}
