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
import { dirname, join, posix } from "node:path";
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

// Second step: everything that names grpc-js moves to src/gen/clients.ts: the client
// constructors (the only run-time use of grpc-js in the generated code) and the grpc-js typed
// client and server interfaces. The server is written on node:http2; keeping the message code free
// of grpc-js keeps it out of every provider bundle (and its start-up), and out of the published
// declarations, so @grpc/grpc-js is only a dev dependency of this package.
const clients = [];
const interfaces = [];
const CLIENT_BLOCK =
  /\nexport const (\w+) = makeGenericClientConstructor\(\s*(\w+),\s*("[^"]+"),?\s*\) as unknown as \{\n([\s\S]*?)\n\};\n/g;
const INTERFACE_BLOCK =
  /\nexport interface (\w+) extends (?:UntypedServiceImplementation|Client) \{\n[\s\S]*?\n\}\n/g;
const GRPC_IMPORT = /import (?:type )?\{([^}]*)\} from "@grpc\/grpc-js";\n?/;
const grpcNames = new Set(["ChannelCredentials", "ClientOptions"]);
for (const file of files(out)) {
  const source = readFileSync(file, "utf8");
  const grpcImport = GRPC_IMPORT.exec(source);
  if (grpcImport === null) continue;
  const module = `./${file.slice(out.length + 1).replace(/\.ts$/, ".js")}`;
  const exported = [
    ...new Set(
      [...source.matchAll(/^export (?:interface|const|enum|type|function) (\w+)/gm)].map((m) => m[1]),
    ),
  ];
  const moved = [];
  let stripped = source.replace(CLIENT_BLOCK, (_all, name, service, serviceName, body) => {
    clients.push({ module, name, service, serviceName, body });
    return "\n";
  });
  stripped = stripped.replace(INTERFACE_BLOCK, (block, name) => {
    moved.push({ name, block: block.trim() });
    return "\n";
  });
  for (const name of grpcImport[1].split(",").map((n) => n.trim().replace(/^type /, "")))
    if (name !== "" && name !== "makeGenericClientConstructor") grpcNames.add(name);
  stripped = stripped.replace(GRPC_IMPORT, "");
  const code = stripped.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  for (const name of grpcNames)
    if (new RegExp(`\\b${name}\\b`).test(code))
      throw new Error(`${file}: still names grpc-js's ${name} after moving the clients`);
  const movedNames = new Set(moved.map((m) => m.name));
  const text = moved.map((m) => m.block).join("\n");
  const names = (n) => new RegExp(`\\b${n}\\b`).test(text);
  // what the moved interfaces name from other modules, imported the way the module imports it
  const reexports = [];
  for (const [, list, from] of source.matchAll(/^import (?:type )?\{([^}]*)\} from "(\.[^"]+)";/gm)) {
    const path = `./${posix.join(posix.dirname(module), from)}`;
    const used = list
      .split(",")
      .map((n) => n.trim().replace(/^type /, ""))
      .filter((n) => n !== "" && names(n.split(/\s+as\s+/).at(-1)));
    if (used.length > 0) reexports.push(`import type { ${used.join(", ")} } from "${path}";`);
  }
  interfaces.push({
    module,
    blocks: moved.map((m) => m.block),
    // the message types the moved interfaces name, imported from the module they came from
    types: exported.filter((n) => !movedNames.has(n) && names(n)),
    reexports,
  });
  writeFileSync(file, stripped);
}
const used = [...clients.map((c) => c.body), ...interfaces.flatMap((i) => i.blocks)].join("\n");
const grpcImports = [...grpcNames].filter((n) => new RegExp(`\\b${n}\\b`).test(used)).sort();
const clientLines = [
  "// Generated by scripts/gen.mjs from the ts-proto output: the grpc-js clients and server",
  "// interfaces of the services. Only tests and the testing client use them; nothing on the server",
  "// side imports this file, and it is not part of the package's public surface.",
  `import { ${grpcImports.map((n) => `type ${n}`).join(", ")}, makeGenericClientConstructor } from "@grpc/grpc-js";`,
  ...interfaces.flatMap((i) => {
    const services = clients.filter((c) => c.module === i.module).map((c) => c.service);
    const types = i.types.filter((n) => !services.includes(n));
    return [
      `import { ${[...services, ...types.map((n) => `type ${n}`)].join(", ")} } from "${i.module}";`,
      ...i.reexports,
    ];
  }),
  "",
  ...interfaces.flatMap((i) => i.blocks.map((b) => `${b}\n`)),
  ...clients.map(
    (c) =>
      `/** The grpc-js client of ${c.serviceName}. */\nexport const ${c.name} = makeGenericClientConstructor(${c.service}, ${c.serviceName}) as unknown as {\n${c.body}\n};\n`,
  ),
];
writeFileSync(join(out, "clients.ts"), clientLines.join("\n"));
