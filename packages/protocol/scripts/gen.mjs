// Regenerates src/gen/ from proto/*.proto: `pnpm --filter @pyvider/protocol run gen`.
//
// buf (from the @bufbuild/buf npm package) compiles the .proto files and runs
// ts-proto, which writes plain TypeScript encoders/decoders and grpc-js
// service definitions. The output is committed; nothing parses .proto files at
// run time.
//
// One post-processing step: ts-proto's service definitions serialize with
// `Buffer.from(bytes)`, which copies every message once more. The writer
// already returns a fresh array, so we wrap it without copying.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "src", "gen");

rmSync(out, { recursive: true, force: true });
execFileSync(join(root, "node_modules", ".bin", "buf"), ["generate", "proto", "--template", "buf.gen.yaml"], {
  cwd: root,
  stdio: "inherit",
});

const helper = `
/** Wraps the writer's freshly allocated bytes in a Buffer without copying them. */
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
`;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (name.endsWith(".ts")) yield path;
  }
}

for (const file of files(out)) {
  const source = readFileSync(file, "utf8");
  const patched = source.replace(
    /Buffer\.from\((\w+)\.encode\(value\)\.finish\(\)\)/g,
    "toBuffer($1.encode(value).finish())",
  );
  if (patched !== source) writeFileSync(file, patched + helper);
}
