#!/usr/bin/env node
// The CommonJS declarations of the protocol package: tsc (tsconfig.build.json) writes one
// dist/**/*.d.ts per module, which TypeScript reads as ESM (the package is "type": "module").
// Each gets a .d.cts twin whose relative imports name the .cjs twins, so `require` consumers
// (exports["."].require.types = ./dist/index.d.cts) get CommonJS-typed declarations.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");

function* declarations(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* declarations(path);
    else if (name.endsWith(".d.ts")) yield path;
  }
}

let count = 0;
for (const file of declarations(dist)) {
  const source = readFileSync(file, "utf8");
  const cjs = source.replace(/((?:from|import)\s*\(?\s*)(["'])(\.\.?\/[^"']*?)\.js\2/g, "$1$2$3.cjs$2");
  writeFileSync(file.replace(/\.d\.ts$/, ".d.cts"), cjs);
  count++;
}
if (count === 0) throw new Error(`no declarations in ${dist}: run tsc -p tsconfig.build.json first`);
