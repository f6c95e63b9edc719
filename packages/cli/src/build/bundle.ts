/**
 * Bundles a provider into one executable JavaScript file with esbuild: every
 * dependency inlined, minified, a `#!/usr/bin/env node` shebang, mode 0755.
 *
 * The format is CommonJS. The executable's name, `terraform-provider-<type>_v1.2.3`,
 * has the "extension" `.3`, and Node 20 refuses to load a file with an unknown
 * extension as an ES module (ERR_UNKNOWN_FILE_EXTENSION), while CommonJS loads
 * any extension. A `package.json` saying `{"type":"commonjs"}` is written next
 * to it (see {@link SCOPE_PACKAGE_JSON}) so that an enclosing `"type": "module"`
 * package cannot change that.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CliError } from "../cli/errors.js";
import { codeCacheLauncher } from "./code-cache.js";

/** How the OpenTelemetry SDK (reached only through a dynamic `import()`) is shipped. */
export type OtelMode = "split" | "inline" | "external";

/** The file, beside the executable, that holds the OpenTelemetry packages in `split` mode. */
export const OTEL_SIDECAR = "otel-sdk.cjs";

/** Options of {@link bundleProvider}. */
export interface BundleOptions {
  /** The entry module. */
  entry: string;
  /** The output file. */
  outfile: string;
  /** Minify; default true. */
  minify?: boolean;
  /**
   * `split` (default): the `@opentelemetry/*` packages go into {@link OTEL_SIDECAR} beside the
   * executable, required only when telemetry export is enabled, so start-up never parses them.
   * `inline`: everything in the one file (esbuild keeps the SDK behind its dynamic import, but
   * V8 still parses it at start-up). `external`: leave `@opentelemetry/*` out; export then
   * needs those packages installed where Node can find them.
   */
  otel?: OtelMode;
  /** Node target; default "node20". */
  target?: string;
  /** Working directory for resolution; default the entry's directory. */
  cwd?: string;
  /**
   * The tsconfig esbuild uses for every bundled file (default: `<cwd>/tsconfig.json`, if any).
   * One tsconfig for all files keeps a dependency's own tsconfig from changing how it resolves.
   */
  tsconfig?: string;
  /**
   * Wrap the bundle in the code-cache launcher (default true): V8 compiles it once per machine
   * and later starts skip the compile. See {@link codeCacheLauncher}.
   */
  codeCache?: boolean;
}

/** What {@link bundleProvider} produced. */
export interface BundleResult {
  /** The output file. */
  file: string;
  /** Its size in bytes. */
  bytes: number;
  /** esbuild warnings. */
  warnings: string[];
  /** The OpenTelemetry sidecar, when one was written. */
  sidecar?: { file: string; bytes: number; packages: string[] };
}

/** Sends `@opentelemetry/*` imports to the sidecar file, collecting their resolved paths. */
function otelSidecarPlugin(collected: Map<string, string>): import("esbuild").Plugin {
  return {
    name: "pyvider-otel-sidecar",
    setup(build) {
      build.onResolve({ filter: /^@opentelemetry\// }, async (args) => {
        if (args.namespace === "pyvider-otel") return undefined;
        const resolved = await build.resolve(args.path, {
          kind: "require-call",
          resolveDir: args.resolveDir,
          namespace: "pyvider-otel",
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        collected.set(args.path, resolved.path);
        return { path: args.path, namespace: "pyvider-otel-ref" };
      });
      build.onLoad({ filter: /.*/, namespace: "pyvider-otel-ref" }, (args) => ({
        contents: `module.exports=require(require("node:path").join(__dirname,${JSON.stringify(OTEL_SIDECAR)}))[${JSON.stringify(args.path)}];`,
        loader: "js",
      }));
    },
  };
}

/** The `package.json` that pins the module type of the executable's directory. */
export const SCOPE_PACKAGE_JSON = `${JSON.stringify({ type: "commonjs" })}\n`;

/** The files that travel with an executable: its package.json and, if present, the OpenTelemetry sidecar. */
export function companionFiles(executable: string): string[] {
  const dir = dirname(executable);
  return ["package.json", OTEL_SIDECAR].filter((f) => existsSync(join(dir, f)));
}

/** Writes {@link SCOPE_PACKAGE_JSON} into a directory. */
export function writeScopePackageJson(dir: string): string {
  const file = join(dir, "package.json");
  writeFileSync(file, SCOPE_PACKAGE_JSON);
  return file;
}

// ES modules bundled into CommonJS may read import.meta.url: give them the file's URL.
const BANNER = 'var __pyvider_import_meta_url=require("node:url").pathToFileURL(__filename).href;';

/** Leaves exactly one `#!/usr/bin/env node` line at the top (esbuild keeps an entry's own hashbang). */
function setShebang(file: string): void {
  const lines = readFileSync(file, "utf8").split("\n");
  const rest = lines.filter((line, n) => n > 3 || !line.startsWith("#!"));
  writeFileSync(file, ["#!/usr/bin/env node", ...rest].join("\n"));
}

/** The tsconfig esbuild uses for every file: the given one, else `<cwd>/tsconfig.json` if present. */
function tsconfigFor(options: BundleOptions): string | undefined {
  if (options.tsconfig) return options.tsconfig;
  const own = join(options.cwd ?? dirname(options.entry), "tsconfig.json");
  return existsSync(own) ? own : undefined;
}

/** Bundles the provider. */
export async function bundleProvider(options: BundleOptions): Promise<BundleResult> {
  const esbuild = await import("esbuild");
  mkdirSync(dirname(options.outfile), { recursive: true });
  const otelPackages = new Map<string, string>();
  const sidecarFile = join(dirname(options.outfile), OTEL_SIDECAR);
  rmSync(sidecarFile, { force: true });
  let result: Awaited<ReturnType<typeof esbuild.build>>;
  try {
    result = await esbuild.build({
      entryPoints: [options.entry],
      outfile: options.outfile,
      absWorkingDir: options.cwd,
      // One tsconfig for every file: otherwise esbuild applies the nearest tsconfig.json to each
      // file, and in a workspace a dependency's own `paths` can pull a second copy of a package
      // into the bundle (two @pyvider/cty copies break `instanceof` between them).
      ...(tsconfigFor(options) ? { tsconfig: tsconfigFor(options) } : {}),
      bundle: true,
      platform: "node",
      target: options.target ?? "node20",
      format: "cjs",
      minify: options.minify ?? true,
      legalComments: "none",
      sourcemap: false,
      metafile: true,
      logLevel: "silent",
      banner: { js: BANNER },
      define: { "import.meta.url": "__pyvider_import_meta_url" },
      external: options.otel === "external" ? ["@opentelemetry/*"] : [],
      plugins: (options.otel ?? "split") === "split" ? [otelSidecarPlugin(otelPackages)] : [],
    });
  } catch (error) {
    const errors = (error as { errors?: Array<{ text: string; location?: { file: string; line: number } }> })
      .errors;
    const tla = errors?.some((e) => /top-level await/i.test(e.text));
    throw new CliError("esbuild could not bundle the provider", {
      details: [
        ...(errors?.map((e) =>
          e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text,
        ) ?? [String(error)]),
        ...(tla ? ["the bundle is CommonJS: call serve(provider) without a top-level await"] : []),
      ],
    });
  }
  writeScopePackageJson(dirname(options.outfile));
  if (options.codeCache ?? true) {
    const bundle = readFileSync(options.outfile, "utf8").replace(/^#!.*\n/, "");
    writeFileSync(options.outfile, codeCacheLauncher(bundle));
  }
  setShebang(options.outfile);
  chmodSync(options.outfile, 0o755);
  const out: BundleResult = {
    file: options.outfile,
    bytes: statSync(options.outfile).size,
    warnings: result.warnings.map((w) => w.text),
  };
  if (otelPackages.size > 0) {
    const names = [...otelPackages.keys()].sort();
    const entry = `module.exports={${names.map((n) => `${JSON.stringify(n)}:require(${JSON.stringify(otelPackages.get(n))})`).join(",")}};`;
    await esbuild.build({
      stdin: {
        contents: entry,
        resolveDir: dirname(options.outfile),
        loader: "js",
        sourcefile: "otel-sdk-entry.js",
      },
      outfile: sidecarFile,
      bundle: true,
      platform: "node",
      target: options.target ?? "node20",
      format: "cjs",
      minify: options.minify ?? true,
      legalComments: "none",
      logLevel: "silent",
    });
    out.sidecar = { file: sidecarFile, bytes: statSync(sidecarFile).size, packages: names };
  }
  return out;
}
