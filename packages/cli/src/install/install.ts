/**
 * Local installation of a built provider: the filesystem-mirror layout
 * (`<dir>/<hostname>/<namespace>/<type>/<version>/<os>_<arch>/<executable>`)
 * and CLI configuration files with `dev_overrides` or `filesystem_mirror`
 * blocks, for OpenTofu and Terraform alike.
 */
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { companionFiles, writeScopePackageJson } from "../build/bundle.js";

/** OpenTofu's default registry host. */
export const OPENTOFU_REGISTRY = "registry.opentofu.org";
/** Terraform's default registry host. */
export const TERRAFORM_REGISTRY = "registry.terraform.io";

/** The provider being installed. */
export interface InstallTarget {
  /** Registry host named in package.json. */
  hostname: string;
  /** Namespace. */
  namespace: string;
  /** Type. */
  type: string;
  /** Version. */
  version: string;
}

/** The `<os>_<arch>` of this machine, in Go's names. */
export function currentPlatform(): string {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const arch = process.arch === "x64" ? "amd64" : process.arch === "ia32" ? "386" : process.arch;
  return `${os}_${arch}`;
}

/**
 * The hosts to install under: the configured one, plus the other default
 * registry when it is one of the two defaults (a configuration that says
 * `source = "<namespace>/<type>"` means registry.opentofu.org to OpenTofu and
 * registry.terraform.io to Terraform).
 */
export function installHosts(hostname: string): string[] {
  if (hostname === TERRAFORM_REGISTRY || hostname === OPENTOFU_REGISTRY)
    return [TERRAFORM_REGISTRY, OPENTOFU_REGISTRY];
  return [hostname];
}

/**
 * Copies the executable, with its `{"type":"commonjs"}` package.json and its
 * OpenTelemetry sidecar if any, into the mirror for each host and platform;
 * returns the executables written.
 */
export function installIntoMirror(
  executable: string,
  executableName: string,
  mirrorDir: string,
  target: InstallTarget,
  platforms: readonly string[],
): string[] {
  const files: string[] = [];
  for (const host of installHosts(target.hostname)) {
    for (const platform of platforms) {
      const file = join(
        mirrorDir,
        host,
        target.namespace,
        target.type,
        target.version,
        platform,
        executableName,
      );
      mkdirSync(dirname(file), { recursive: true });
      copyFileSync(executable, file);
      chmodSync(file, 0o755);
      for (const companion of companionFiles(executable)) {
        copyFileSync(join(dirname(executable), companion), join(dirname(file), companion));
      }
      writeScopePackageJson(dirname(file));
      files.push(file);
    }
  }
  return files;
}

/** Quotes a string for HCL. */
export function hclString(value: string): string {
  return `"${value
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\$\{/g, () => "$${")
    .replace(/%\{/g, () => "%%{")
    .replace(/\n/g, "\\n")}"`;
}

function addresses(target: InstallTarget): string[] {
  return installHosts(target.hostname).map((h) => `${h}/${target.namespace}/${target.type}`);
}

/** A CLI config whose `dev_overrides` point both registries' addresses at `dir`. */
export function devOverridesConfig(target: InstallTarget, dir: string): string {
  const entries = addresses(target).map((a) => `    ${hclString(a)} = ${hclString(dir)}`);
  return [
    "# Written by `pyvider install`: use the local build instead of a registry release.",
    "provider_installation {",
    "  dev_overrides {",
    ...entries,
    "  }",
    "",
    "  # Every other provider installs as usual.",
    "  direct {}",
    "}",
    "",
  ].join("\n");
}

/** A CLI config that installs this provider from the filesystem mirror and everything else directly. */
export function filesystemMirrorConfig(target: InstallTarget, mirrorDir: string): string {
  const list = addresses(target).map(hclString).join(", ");
  return [
    "# Written by `pyvider install`: install this provider from the local filesystem mirror.",
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${hclString(mirrorDir)}`,
    `    include = [${list}]`,
    "  }",
    "",
    "  direct {",
    `    exclude = [${list}]`,
    "  }",
    "}",
    "",
  ].join("\n");
}

/** Writes a config file, creating its directory. */
export function writeConfig(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
