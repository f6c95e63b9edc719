#!/usr/bin/env node
/**
 * The provider executable: `dist/terraform-provider-kv`. Terraform and OpenTofu start it, it
 * prints the go-plugin handshake line and serves plugin protocol 6 until told to stop.
 * `--debug` (or `PYVIDER_DEBUG=1`) serves in debug mode and prints `TF_REATTACH_PROVIDERS`.
 */
import { serve } from "@pyvider/protocol";
import { buildKvProvider } from "./provider/index.js";

/** The address Terraform knows the provider by (used in the debug-mode reattach line). */
const address = process.env.PYVIDER_PROVIDER_ADDRESS ?? "registry.terraform.io/pyvider/kv";

serve(buildKvProvider(), { providerAddress: address }).catch((error: unknown) => {
  process.stderr.write(`terraform-provider-kv: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
