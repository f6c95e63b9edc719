/**
 * The entry of the startup-snapshot build (snapshot.ts): the example provider is built at build
 * time, as a provider module's top level would be; what depends on the process (the address from
 * the environment, then `serve()`: certificate, socket, handshake) runs in the main function
 * after deserialisation.
 */
import { startupSnapshot } from "node:v8";
import { serve } from "@pyvider/protocol";
import { buildKvProvider } from "../../providers/example-kv/src/provider/index.js";

const provider = buildKvProvider();
startupSnapshot.setDeserializeMainFunction(() => {
  const address = process.env.PYVIDER_PROVIDER_ADDRESS ?? "registry.terraform.io/pyvider/kv";
  serve(provider, { providerAddress: address }).catch((error: unknown) => {
    process.stderr.write(
      `terraform-provider-kv: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
});
