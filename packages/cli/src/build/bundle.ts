/**
 * Bundles a provider into one executable JavaScript file with esbuild: every
 * dependency inlined, minified, a `#!/usr/bin/env node` shebang, mode 0755.
 */
import { chmodSync, mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { CliError } from "../cli/errors.js";

/** How the OpenTelemetry SDK (reached only through a dynamic `import()`) ends up in the bundle. */
export type OtelMode = "lazy" | "external";

/** Options of {@link bundleProvider}. */
export interface BundleOptions {
  /** The entry module. */
  entry: string;
  /** The output file. */
  outfile: string;
  /** Module format; default "esm". */
  format?: "esm" | "cjs";
  /** Minify; default true. */
  minify?: boolean;
  /**
   * `lazy` (default): inline the SDK; esbuild keeps it behind the dynamic import, so it is only
   * evaluated when telemetry export is enabled. `external`: leave `@opentelemetry/*` out; export
   * then needs those packages installed next to the executable.
   */
  otel?: OtelMode;
  /** Node target; default "node20". */
  target?: string;
  /** Working directory for resolution; default the entry's directory. */
  cwd?: string;
}

/** What {@link bundleProvider} produced. */
export interface BundleResult {
  /** The output file. */
  file: string;
  /** Its size in bytes. */
  bytes: number;
  /** esbuild warnings. */
  warnings: string[];
}

const ESM_BANNER = [
  "#!/usr/bin/env node",
  // CommonJS dependencies bundled into ESM still call require() for built-ins
  'import{createRequire as __pyvider_cr}from"node:module";const require=__pyvider_cr(import.meta.url);',
].join("\n");

/** Bundles the provider. */
export async function bundleProvider(options: BundleOptions): Promise<BundleResult> {
  const esbuild = await import("esbuild");
  const format = options.format ?? "esm";
  mkdirSync(dirname(options.outfile), { recursive: true });
  let result: Awaited<ReturnType<typeof esbuild.build>>;
  try {
    result = await esbuild.build({
      entryPoints: [options.entry],
      outfile: options.outfile,
      absWorkingDir: options.cwd,
      bundle: true,
      platform: "node",
      target: options.target ?? "node20",
      format,
      minify: options.minify ?? true,
      legalComments: "none",
      sourcemap: false,
      metafile: true,
      logLevel: "silent",
      banner: { js: format === "esm" ? ESM_BANNER : "#!/usr/bin/env node" },
      external: options.otel === "external" ? ["@opentelemetry/*"] : [],
    });
  } catch (error) {
    const errors = (error as { errors?: Array<{ text: string; location?: { file: string; line: number } }> }).errors;
    throw new CliError("esbuild could not bundle the provider", {
      details: errors?.map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text)) ?? [
        String(error),
      ],
    });
  }
  chmodSync(options.outfile, 0o755);
  return {
    file: options.outfile,
    bytes: statSync(options.outfile).size,
    warnings: result.warnings.map((w) => w.text),
  };
}
