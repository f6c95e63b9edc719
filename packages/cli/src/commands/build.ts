/** `pyvider build`: one executable JavaScript file, and its measured start-up. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { bundleProvider, type OtelMode } from "../build/bundle.js";
import { buildSea } from "../build/sea.js";
import { measureStartup, type StartupReport } from "../build/startup.js";
import type { Command } from "../cli/command.js";
import { stringOption } from "../cli/command.js";
import { UsageError } from "../cli/errors.js";
import { executableName, loadProject } from "../project/project.js";

const report = (r: StartupReport) => ({
  median_ms: r.medianMs,
  min_ms: r.minMs,
  samples_ms: r.samples,
  bare_node_median_ms: r.baselineMedianMs,
});
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** The `build` command. */
export const buildCommand: Command = {
  name: "build",
  summary: "bundle the provider into one executable file and time its start-up",
  usage: "build [--out-dir <dir>] [--sea] [options]",
  description:
    "Bundles the project's entry (package.json pyvider.entry) with esbuild into\n" +
    "<out-dir>/terraform-provider-<type>_v<version>: every dependency inlined, minified, CommonJS, with a\n" +
    '#!/usr/bin/env node shebang and mode 0755, plus a package.json {"type":"commonjs"} beside it (Node 20 loads\n' +
    'a file ending in ".3" only as CommonJS). Then starts it as Terraform would (magic cookie,\n' +
    "PLUGIN_PROTOCOL_VERSIONS=6, a client certificate) and reports the time to the handshake line.\n" +
    "The bundle is embedded in a small launcher that keeps V8's compiled code in a per-machine cache\n" +
    "(~/.cache/pyvider/v8), so every start after the first skips compiling the provider.",
  options: {
    dir: {
      type: "string",
      value: "<dir>",
      description: "the provider project directory (default: current directory)",
    },
    "out-dir": {
      type: "string",
      short: "o",
      value: "<dir>",
      description: "output directory (default: <project>/build)",
    },
    otel: {
      type: "string",
      value: "split|inline|external",
      description:
        "OpenTelemetry SDK: split = in otel-sdk.cjs beside the executable, loaded only when export is on (default);\n" +
        "      inline = in the one file; external = left out",
    },
    tsconfig: {
      type: "string",
      value: "<file>",
      description: "tsconfig whose paths esbuild follows (default: the project's)",
    },
    "no-minify": { type: "boolean", description: "keep the bundle readable" },
    "no-code-cache": {
      type: "boolean",
      description:
        "write the plain bundle instead of the code-cache launcher (which lets V8 compile the provider\n" +
        "      once per machine; PYVIDER_CODE_CACHE=0 turns the cache off at run time)",
    },
    runs: {
      type: "string",
      value: "<n>",
      description: "start the result n times to time the handshake (default: 3)",
    },
    "no-measure": { type: "boolean", description: "skip the start-up measurement" },
    sea: {
      type: "boolean",
      description: "also build a Node single-executable application (linux, local node binary)",
    },
  },
  examples: [
    ["pyvider build", "bundle to build/terraform-provider-<type>_v<version> and time its start-up"],
    ["pyvider build --runs 10 --json", "a longer measurement, as JSON"],
    ["pyvider build --sea", "also build build/terraform-provider-<type>_v<version>-sea with node embedded"],
  ],
  async run(ctx) {
    const { out } = ctx;
    const project = loadProject(resolve(ctx.cwd, stringOption(ctx.values, "dir") ?? "."));
    const otel = stringOption(ctx.values, "otel") ?? "split";
    if (otel !== "split" && otel !== "inline" && otel !== "external") {
      throw new UsageError(`--otel must be split, inline or external, not ${otel}`);
    }
    const runsText = stringOption(ctx.values, "runs") ?? "3";
    const runs = Number(runsText);
    if (!Number.isInteger(runs) || runs < 1 || runs > 100)
      throw new UsageError(`--runs must be 1..100, not ${runsText}`);
    const outDir = resolve(ctx.cwd, stringOption(ctx.values, "out-dir") ?? join(project.dir, "build"));
    const outfile = join(outDir, executableName(project));
    const bundle = await out.step(`Bundling ${relative(ctx.cwd, project.entry) || project.entry}`, () =>
      bundleProvider({
        entry: project.entry,
        outfile,
        minify: !ctx.values["no-minify"],
        codeCache: !ctx.values["no-code-cache"],
        otel: otel as OtelMode,
        cwd: project.dir,
        ...(stringOption(ctx.values, "tsconfig")
          ? { tsconfig: resolve(ctx.cwd, stringOption(ctx.values, "tsconfig") ?? "") }
          : {}),
      }),
    );
    for (const w of bundle.warnings) out.warn(`esbuild: ${w}`);
    out.success(`${relative(ctx.cwd, outfile) || outfile} ${out.style("dim", `(${kib(bundle.bytes)})`)}`);
    if (bundle.sidecar) {
      out.line(
        `  ${relative(ctx.cwd, bundle.sidecar.file)} ${out.style("dim", `(${kib(bundle.sidecar.bytes)}: ${bundle.sidecar.packages.length} OpenTelemetry packages, loaded only when export is on)`)}`,
      );
    }
    let startup: StartupReport | undefined;
    if (!ctx.values["no-measure"]) {
      startup = await out.step(`Timing start-up (${runs} run${runs === 1 ? "" : "s"})`, () =>
        measureStartup(outfile, [], runs),
      );
      out.line(
        `  start-up to handshake: ${out.style("bold", ms(startup.medianMs))} median, ${ms(startup.minMs)} best ${out.style("dim", `(bare node: ${ms(startup.baselineMedianMs)})`)}`,
      );
    }
    let sea: { file: string; startup?: StartupReport } | undefined;
    if (ctx.values.sea) {
      const work = mkdtempSync(join(tmpdir(), "pyvider-sea-"));
      try {
        // a SEA can require() only built-in modules: it gets its own bundle with the SDK inlined
        const cjs = join(work, "sea-bundle.cjs");
        await out.step("Bundling for the SEA", () =>
          bundleProvider({
            entry: project.entry,
            outfile: cjs,
            otel: "inline",
            codeCache: false,
            cwd: project.dir,
            ...(stringOption(ctx.values, "tsconfig")
              ? { tsconfig: resolve(ctx.cwd, stringOption(ctx.values, "tsconfig") ?? "") }
              : {}),
          }),
        );
        const seaFile = `${outfile}-sea`;
        await out.step("Injecting into a copy of node", async () =>
          buildSea({ cjsBundle: cjs, outfile: seaFile, workDir: work }),
        );
        sea = { file: seaFile };
        out.success(`${relative(ctx.cwd, seaFile)} (single executable application)`);
        if (!ctx.values["no-measure"]) {
          sea.startup = await out.step("Timing SEA start-up", () => measureStartup(seaFile, [], runs));
          out.line(
            `  SEA start-up to handshake: ${out.style("bold", ms(sea.startup.medianMs))} median, ${ms(sea.startup.minMs)} best ${out.style("dim", `(bare node: ${ms(sea.startup.baselineMedianMs)})`)}`,
          );
        }
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }
    out.result({
      file: outfile,
      bytes: bundle.bytes,
      otel,
      otel_sidecar: bundle.sidecar && {
        file: bundle.sidecar.file,
        bytes: bundle.sidecar.bytes,
        packages: bundle.sidecar.packages,
      },
      startup: startup && report(startup),
      sea: sea && {
        file: sea.file,
        startup: sea.startup && report(sea.startup),
      },
    });
    return 0;
  },
};
