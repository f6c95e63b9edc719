/**
 * @pyvider/testing: Test harnesses: in-process, a protocol-level client that speaks the handshake like Terraform, and acceptance tests that drive a real tofu/terraform.
 * @packageDocumentation
 */

/** The package version. */
export const VERSION = "0.0.0";
