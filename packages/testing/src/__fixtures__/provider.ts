/**
 * A tiny provider executable for the client tests, run with
 * `node --import tsx`. It reaches @pyvider/protocol through its package name
 * (the built dist/), like any provider.
 */
import { type ProviderServiceHandlers, startPluginServer, tfplugin6 } from "@pyvider/protocol";

const handlers: Partial<ProviderServiceHandlers> = {
  getProviderSchema: () =>
    tfplugin6.GetProviderSchema_Response.fromPartial({
      provider: {
        version: 3,
        block: { attributes: [{ name: "endpoint", type: Buffer.from('"string"'), optional: true }] },
      },
      resourceSchemas: { fixture_thing: { version: 1, block: {} } },
    }),
  stopProvider: () => {
    process.stderr.write("fixture: StopProvider handled\n");
    return { Error: "" };
  },
  validateProviderConfig: () => {
    throw new Error("boom from the fixture handler");
  },
  readDataSource: (request, context) =>
    tfplugin6.ReadDataSource_Response.fromPartial({
      state: request.config,
      diagnostics: [{ severity: 2, summary: `traceparent=${context.metadata.traceparent?.[0] ?? ""}` }],
    }),
  getFunctions: () => {
    console.log("fixture: stdout during a call");
    return {};
  },
  // Returns something that is not a message at all: must become an error, not a crash.
  getMetadata: () => ({ diagnostics: 42 }) as never,
  listResource: async function* (request) {
    for (let i = 0; i < request.limit; i++)
      yield tfplugin6.ListResource_Event.fromPartial({ displayName: `item-${i}` });
  },
  writeStateBytes: async (chunks) => {
    let total = 0;
    for await (const chunk of chunks) total += chunk.bytes.length;
    return {
      diagnostics: [{ severity: 2, summary: `received ${total} bytes`, detail: "", attribute: undefined }],
    };
  },
};

// Something printed after the handshake must not reach the real stdout.
const server = await startPluginServer({
  handlers,
  providerAddress: "registry.opentofu.org/pyvider/fixture",
});
if (!server.debug) console.log("fixture: console.log after the handshake");
