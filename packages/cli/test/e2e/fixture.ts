/** A tiny stand-in provider project: prints a protocol 6 handshake line after checking the env, like a real provider. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Writes the fixture project into `dir`. */
export function writeFakeProvider(dir: string, version = "1.2.3"): void {
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({
      name: "terraform-provider-fake",
      version,
      type: "module",
      pyvider: { type: "fake", namespace: "acme", entry: "src/main.js" },
    }),
  );
  writeFileSync(join(dir, "src/lib.js"), 'export const socket = () => "/tmp/fake-provider.sock";\n');
  writeFileSync(
    join(dir, "src/main.js"),
    [
      "#!/usr/bin/env node",
      'import { socket } from "./lib.js";',
      'if (process.env.TF_PLUGIN_MAGIC_COOKIE !== "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2") {',
      '  process.stderr.write("This binary is a plugin. These are not meant to be executed directly.\\n");',
      "  process.exit(1);",
      "}",
      'if (!String(process.env.PLUGIN_CLIENT_CERT).includes("BEGIN CERTIFICATE")) process.exit(3);',
      'if (!String(process.env.PLUGIN_PROTOCOL_VERSIONS).split(",").includes("6")) process.exit(4);',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the fixture source itself uses a template literal
      "process.stdout.write(`1|6|unix|${socket()}|grpc|MIIBfake\\n`);",
      "setInterval(() => {}, 1000);",
      "",
    ].join("\n"),
  );
}
