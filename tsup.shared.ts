import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Options } from "tsup";

type EsbuildPlugin = NonNullable<Options["esbuildPlugins"]>[number];

/** The `version` of the package.json in `dir` (the package being built). */
export function packageVersion(dir: string = process.cwd()): string {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version?: unknown };
  if (typeof pkg.version !== "string") throw new Error(`${join(dir, "package.json")}: no "version"`);
  return pkg.version;
}

/**
 * Replaces the package's `src/version.ts` (which reads package.json when run from source)
 * with the version as a literal, so the built code carries the version of the package.json it
 * was built from: a `changeset version` bump shows up in `VERSION` after the next build.
 */
export function versionPlugin(version: string, dir: string = process.cwd()): EsbuildPlugin {
  const file = join(dir, "src", "version.ts");
  return {
    name: "pyvider-version",
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]version\.ts$/ }, (args) =>
        args.path === file
          ? {
              loader: "ts",
              contents: `/** The package version. */\nexport const VERSION: string = ${JSON.stringify(version)};\n`,
            }
          : undefined,
      );
    },
  };
}

/**
 * The build of every published package: ESM (`.js`, `.d.ts`) and CommonJS (`.cjs`, `.d.cts`)
 * for Node ≥ 20, with `import.meta.url` shimmed in the CommonJS output and the version inlined.
 */
export function packageConfig(options: Options = {}): Options {
  return {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    shims: true,
    esbuildPlugins: [versionPlugin(packageVersion())],
    ...options,
  };
}
