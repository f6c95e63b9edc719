/** `pyvider release`: the files a provider registry release needs. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { companionFiles } from "../build/bundle.js";
import type { Command } from "../cli/command.js";
import { listOption, stringOption } from "../cli/command.js";
import { CliError, messageOf, UsageError } from "../cli/errors.js";
import { executableName, loadProject } from "../project/project.js";
import {
  detachedSignature,
  REGISTRY_MANIFEST,
  sha256Sums,
  zipExecutable,
  zipTimestamp,
} from "../release/artifacts.js";

/** The `release` command. */
export const releaseCommand: Command = {
  name: "release",
  summary: "build registry release artifacts: zips, SHA256SUMS, manifest and signature",
  usage: "release [--out-dir <dir>] [--platform <os_arch>...] [--gpg-key <file>] [options]",
  description:
    "From the `pyvider build` output, writes terraform-provider-<type>_<version>_<os>_<arch>.zip for each platform\n" +
    "(each holding terraform-provider-<type>_v<version>; zip timestamps fixed, SOURCE_DATE_EPOCH honoured),\n" +
    "terraform-provider-<type>_<version>_manifest.json, terraform-provider-<type>_<version>_SHA256SUMS and, with\n" +
    "--gpg-key, the detached binary signature terraform-provider-<type>_<version>_SHA256SUMS.sig.\n" +
    "The JavaScript bundle needs `node` on the target machine; on Windows a script cannot be executed directly,\n" +
    "so leave windows out of the platform list unless you ship another executable there.",
  options: {
    dir: {
      type: "string",
      value: "<dir>",
      description: "the provider project directory (default: current directory)",
    },
    executable: {
      type: "string",
      value: "<file>",
      description: "the provider executable (default: <project>/build/terraform-provider-<type>_v<version>)",
    },
    "out-dir": {
      type: "string",
      short: "o",
      value: "<dir>",
      description: "output directory (default: <project>/build/release)",
    },
    platform: {
      type: "string",
      multiple: true,
      value: "<os_arch>",
      description:
        "platforms (repeatable or comma-separated; default: package.json pyvider.platforms or all six)",
    },
    "gpg-key": {
      type: "string",
      value: "<file>",
      description: "armored OpenPGP private key to sign SHA256SUMS with",
    },
    "passphrase-env": {
      type: "string",
      value: "<NAME>",
      description: "environment variable holding the key's passphrase (default: PYVIDER_GPG_PASSPHRASE)",
    },
  },
  examples: [
    ["pyvider build && pyvider release", "zips for every platform, SHA256SUMS and manifest in build/release"],
    [
      "PYVIDER_GPG_PASSPHRASE=... pyvider release --gpg-key signing-key.asc",
      "also sign SHA256SUMS for the registry",
    ],
    ["pyvider release --platform linux_amd64,darwin_arm64", "only two platforms"],
  ],
  async run(ctx) {
    const { out } = ctx;
    const project = loadProject(resolve(ctx.cwd, stringOption(ctx.values, "dir") ?? "."));
    const exeName = executableName(project);
    const executable = resolve(
      ctx.cwd,
      stringOption(ctx.values, "executable") ?? join(project.dir, "build", exeName),
    );
    if (!existsSync(executable)) {
      throw new CliError(`no provider executable at ${executable}`, {
        details: ["run `pyvider build` first, or pass --executable <file>"],
      });
    }
    const platforms = listOption(ctx.values, "platform") ?? project.platforms;
    for (const p of platforms)
      if (!/^[a-z0-9]+_[a-z0-9]+$/.test(p))
        throw new UsageError(`a platform looks like linux_amd64, not ${p}`);
    if (platforms.length === 0) throw new UsageError("no platforms to release");
    if (platforms.some((p) => p.startsWith("windows_"))) {
      out.warn(
        "windows cannot execute a JavaScript file directly; those zips need a node wrapper on the target",
      );
    }
    const outDir = resolve(
      ctx.cwd,
      stringOption(ctx.values, "out-dir") ?? join(project.dir, "build", "release"),
    );
    mkdirSync(outDir, { recursive: true });
    const base = `terraform-provider-${project.type}_${project.version}`;
    const content = readFileSync(executable);
    const companions = Object.fromEntries(
      companionFiles(executable)
        .filter((f) => f !== "package.json")
        .map((f) => [f, readFileSync(join(dirname(executable), f))]),
    );
    const mtime = zipTimestamp(ctx.env.SOURCE_DATE_EPOCH);
    const artifacts: Array<{ name: string; data: Uint8Array | string }> = [];
    await out.step(`Zipping ${platforms.length} platform(s)`, async () => {
      for (const platform of [...new Set(platforms)].sort()) {
        artifacts.push({
          name: `${base}_${platform}.zip`,
          data: zipExecutable(exeName, content, mtime, companions),
        });
      }
    });
    artifacts.push({ name: `${base}_manifest.json`, data: REGISTRY_MANIFEST });
    const sumsName = `${base}_SHA256SUMS`;
    const sums = sha256Sums(artifacts);
    for (const a of artifacts) writeFileSync(join(outDir, a.name), a.data);
    writeFileSync(join(outDir, sumsName), sums);
    const written = [...artifacts.map((a) => a.name), sumsName];
    const keyFile = stringOption(ctx.values, "gpg-key");
    if (keyFile) {
      const envName = stringOption(ctx.values, "passphrase-env") ?? "PYVIDER_GPG_PASSPHRASE";
      let armored: string;
      try {
        armored = readFileSync(resolve(ctx.cwd, keyFile), "utf8");
      } catch (error) {
        throw new CliError(`cannot read the key file ${keyFile}: ${messageOf(error)}`);
      }
      const signature = await out.step("Signing SHA256SUMS", async () => {
        try {
          return await detachedSignature(Buffer.from(sums), armored, ctx.env[envName]);
        } catch (error) {
          throw new CliError(`cannot sign with ${keyFile}: ${messageOf(error)}`);
        }
      });
      writeFileSync(join(outDir, `${sumsName}.sig`), signature);
      written.push(`${sumsName}.sig`);
    }
    for (const name of written)
      out.line(`  ${out.style("green", "wrote")} ${relative(ctx.cwd, join(outDir, name)) || name}`);
    out.success(`release ${project.version} of ${project.namespace}/${project.type} in ${outDir}`);
    out.result({ out_dir: outDir, files: written, platforms, sha256sums: sums });
    return 0;
  },
};
