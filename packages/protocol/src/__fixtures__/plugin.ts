/**
 * A tiny provider executable for the tests: `node --import tsx plugin.ts`.
 * Implements a few RPCs with fixed or echoing behaviour.
 */
import { type ProviderServiceHandlers, startPluginServer, tfplugin6 } from "../index.js";

const schemaResponse: tfplugin6.GetProviderSchema_Response = tfplugin6.GetProviderSchema_Response.fromPartial(
  {
    provider: {
      version: 1,
      block: {
        attributes: [
          { name: "endpoint", type: Buffer.from('"string"'), optional: true, description: "Where to go" },
        ],
      },
    },
    resourceSchemas: { fixture_thing: { version: 2, block: { attributes: [] } } },
    serverCapabilities: { planDestroy: true, getProviderSchemaOptional: true },
  },
);

const handlers: Partial<ProviderServiceHandlers> = {
  getProviderSchema: () => schemaResponse,
  stopProvider: () => {
    process.stderr.write("fixture: StopProvider handled\n");
    return { Error: "" };
  },
  validateProviderConfig: () => {
    throw new Error("boom from the fixture handler");
  },
  // Echoes the config back as the state: exercises big messages both ways.
  readDataSource: (request, context) => ({
    state: request.config,
    diagnostics: [
      {
        severity: tfplugin6.Diagnostic_Severity.WARNING,
        summary: `traceparent=${context.metadata.traceparent?.[0] ?? ""}`,
        detail: `peer=${context.peer}`,
        attribute: undefined,
      },
    ],
    deferred: undefined,
  }),
  // Waits for the given number of milliseconds (type name), or until cancelled.
  applyResourceChange: async (request, context) => {
    const ms = Number(request.typeName) || 0;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      context.signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return tfplugin6.ApplyResourceChange_Response.fromPartial({ private: Buffer.from(`slept ${ms}`) });
  },
  listResource: async function* (request) {
    for (let i = 0; i < request.limit; i++) {
      yield tfplugin6.ListResource_Event.fromPartial({ displayName: `item-${i}` });
    }
  },
  writeStateBytes: async (chunks) => {
    let total = 0;
    for await (const chunk of chunks) total += chunk.bytes.length;
    return {
      diagnostics: [{ severity: 2, summary: `received ${total} bytes`, detail: "", attribute: undefined }],
    };
  },
};

await startPluginServer({
  handlers,
  providerAddress: process.env.FIXTURE_PROVIDER_ADDRESS ?? "registry.opentofu.org/pyvider/fixture",
  allowInsecure: process.env.FIXTURE_ALLOW_INSECURE === "1",
});
