/** `pyvider install`: the build into a filesystem mirror, plus CLI configs for tofu and terraform. */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "../cli/command.js";
import { listOption, stringOption } from "../cli/command.js";
import { CliError, UsageError } from "../cli/errors.js";
import {
  currentPlatform,
  devOverridesConfig,
  filesystemMirrorConfig,
  installIntoMirror,
  writeConfig,
} from "../install/install.js";
import { executableName, loadProject } from "../project/project.js";

/** The `install` command. */
export const installCommand: Command = {
  name: "install",
  summary:
    "install the build into a filesystem mirror and write CLI configs (dev_overrides / filesystem_mirror)",
  usage: "install [--mirror <dir>] [--mode dev|mirror|both] [options]",
  description:
    "Copies the `pyvider build` output into <mirror>/<hostname>/<namespace>/<type>/<version>/<os>_<arch>/ (under\n" +
    "both registry.terraform.io and registry.opentofu.org when the hostname is one of them) and writes\n" +
    "<project>/.pyvider/dev.tfrc (dev_overrides) and/or mirror.tfrc (filesystem_mirror). Point\n" +
    "TF_CLI_CONFIG_FILE at one of them; OpenTofu and Terraform both read it.",
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
    mirror: {
      type: "string",
      value: "<dir>",
      description: "filesystem mirror directory (default: <project>/.pyvider/mirror)",
    },
    "config-dir": {
      type: "string",
      value: "<dir>",
      description: "where to write the .tfrc files (default: <project>/.pyvider)",
    },
    mode: {
      type: "string",
      value: "dev|mirror|both",
      description: "which CLI config(s) to write (default: both)",
    },
    platform: {
      type: "string",
      multiple: true,
      value: "<os_arch>",
      description: `platform directory in the mirror (default: this machine, ${currentPlatform()}); repeatable`,
    },
  },
  examples: [
    ["pyvider build && pyvider install", "build, install, and print the TF_CLI_CONFIG_FILE to use"],
    [
      "pyvider install --mode dev && export TF_CLI_CONFIG_FILE=$PWD/.pyvider/dev.tfrc",
      "use dev_overrides (no init needed)",
    ],
    [
      "pyvider install --mirror ~/.terraform.d/plugins --mode mirror",
      "install into Terraform's implicit local mirror",
    ],
  ],
  async run(ctx) {
    const { out } = ctx;
    const project = loadProject(resolve(ctx.cwd, stringOption(ctx.values, "dir") ?? "."));
    const mode = stringOption(ctx.values, "mode") ?? "both";
    if (mode !== "dev" && mode !== "mirror" && mode !== "both")
      throw new UsageError(`--mode must be dev, mirror or both, not ${mode}`);
    const name = executableName(project);
    const executable = resolve(
      ctx.cwd,
      stringOption(ctx.values, "executable") ?? join(project.dir, "build", name),
    );
    if (!existsSync(executable)) {
      throw new CliError(`no provider executable at ${executable}`, {
        details: ["run `pyvider build` first, or pass --executable <file>"],
      });
    }
    const mirror = resolve(
      ctx.cwd,
      stringOption(ctx.values, "mirror") ?? join(project.dir, ".pyvider", "mirror"),
    );
    const configDir = resolve(
      ctx.cwd,
      stringOption(ctx.values, "config-dir") ?? join(project.dir, ".pyvider"),
    );
    const platforms = listOption(ctx.values, "platform") ?? [currentPlatform()];
    for (const p of platforms)
      if (!/^[a-z0-9]+_[a-z0-9]+$/.test(p))
        throw new UsageError(`--platform must look like linux_amd64, not ${p}`);
    const target = {
      hostname: project.hostname,
      namespace: project.namespace,
      type: project.type,
      version: project.version,
    };
    const files = installIntoMirror(executable, name, mirror, target, platforms);
    for (const f of files) out.line(`  ${out.style("green", "installed")} ${f}`);
    const local = platforms.includes(currentPlatform()) ? currentPlatform() : platforms[0];
    const overrideDir = join(
      mirror,
      project.hostname,
      project.namespace,
      project.type,
      project.version,
      local ?? currentPlatform(),
    );
    const configs: Record<string, { file: string; text: string }> = {};
    if (mode !== "mirror")
      configs.dev = { file: join(configDir, "dev.tfrc"), text: devOverridesConfig(target, overrideDir) };
    if (mode !== "dev")
      configs.mirror = { file: join(configDir, "mirror.tfrc"), text: filesystemMirrorConfig(target, mirror) };
    for (const c of Object.values(configs)) writeConfig(c.file, c.text);
    out.result({
      executable,
      mirror,
      installed: files,
      configs: Object.fromEntries(
        Object.entries(configs).map(([k, v]) => [
          k,
          { file: v.file, content: v.text, env: { TF_CLI_CONFIG_FILE: v.file } },
        ]),
      ),
    });
    for (const [kind, c] of Object.entries(configs)) {
      out.line();
      out.line(
        out.style(
          "bold",
          kind === "dev"
            ? "dev_overrides (no `init` needed; both tools warn that overrides are active):"
            : "filesystem mirror (run `init` as usual):",
        ),
      );
      out.line(out.style("dim", `# ${c.file}`));
      out.line(c.text.trimEnd());
      out.line();
      for (const tool of ["tofu", "terraform"]) {
        const env = `TF_CLI_CONFIG_FILE=${c.file}`;
        out.line(
          `  ${out.style("cyan", kind === "dev" ? `${env} ${tool} plan` : `${env} ${tool} init && ${env} ${tool} plan`)}`,
        );
      }
    }
    out.line();
    out.line(
      `In configurations: required_providers { ${project.type} = { source = "${project.namespace}/${project.type}" } }`,
    );
    return 0;
  },
};
