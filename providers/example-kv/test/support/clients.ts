/**
 * The real clients the example's end-to-end tests run against, in one place: the pinned OpenTofu,
 * the `terraform` on PATH when there is one (1.11.4 on the development machine), and the
 * experiments-enabled Terraform built from the Go module proxy. Each has its version and what it
 * can do; test files iterate over {@link clients} (or {@link clientsWith} a feature) with
 * `describe.each`, so a feature is tested against every client that has it.
 *
 * Missing clients: the pinned OpenTofu is required (its tests fail with the reason); the built
 * Terraform is required under CI=true (its tests fail with the reason) and left out otherwise;
 * no `terraform` on PATH simply means one client fewer.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { compareVersions, inCI } from "@pyvider/testing";
// @ts-expect-error: plain ESM script without type declarations
import { TOOLS } from "../../../../scripts/tofu.mjs";
import { tofuBinary } from "./kv.js";
import { terraformPath } from "./tf.js";

/** What a client can do, by the protocol features the example's tests use. */
export interface Features {
  /** Provider-defined functions (`provider::kv::...`). */
  readonly functions: boolean;
  /** `moved` between resource types (MoveResourceState). */
  readonly crossTypeMove: boolean;
  /** Ephemeral resources (`ephemeral "kv_lease"`). */
  readonly ephemeral: boolean;
  /** Write-only attributes (`value_wo`). */
  readonly writeOnly: boolean;
  /** Resource identity in state, and import by identity. */
  readonly identity: boolean;
  /** List resources (`terraform query`). */
  readonly listResources: boolean;
  /** Actions (`apply -invoke`). */
  readonly actions: boolean;
  /** Config generation for import (`plan -generate-config-out`, GenerateResourceConfig). */
  readonly generateConfig: boolean;
  /** Provider-defined state stores (an experiments-enabled build only). */
  readonly stateStores: boolean;
  /** Deferred actions (`plan -allow-deferral`: Terraform 1.9+, an experiments-enabled build only). */
  readonly deferral: boolean;
}

/** One client of the matrix. */
export interface Client {
  /** For test names: `OpenTofu 1.12.6 (pinned)`, `Terraform 1.11.4 (PATH)`, ... */
  readonly name: string;
  /** `opentofu` or `terraform` (which registry host short sources resolve to). */
  readonly flavor: "opentofu" | "terraform";
  /** The executable; undefined when it could not be had (then `unavailable` says why). */
  readonly path: string | undefined;
  /** Its version (`1.12.6`), or `?` when unavailable. */
  readonly version: string;
  /** Why the client is missing: its tests fail with this. */
  readonly unavailable?: string;
  /** What it can do. */
  readonly features: Features;
}

/** The features of a client by flavor, version and build. */
export function featuresOf(
  flavor: "opentofu" | "terraform",
  version: string,
  experiments: boolean,
): Features {
  const at = (v: string) => compareVersions(version, v) >= 0;
  if (flavor === "opentofu") {
    return {
      functions: at("1.7.0"),
      crossTypeMove: at("1.9.0"),
      ephemeral: at("1.11.0"),
      writeOnly: at("1.11.0"),
      identity: at("1.12.0"),
      // OpenTofu calls none of these (see the design notes)
      listResources: false,
      actions: false,
      generateConfig: false,
      stateStores: false,
      deferral: false,
    };
  }
  return {
    functions: at("1.8.0"),
    crossTypeMove: at("1.8.0"),
    ephemeral: at("1.10.0"),
    writeOnly: at("1.11.0"),
    identity: at("1.12.0"),
    listResources: at("1.14.0"),
    actions: at("1.14.0"),
    generateConfig: at("1.14.0"),
    stateStores: experiments && at("1.15.0"),
    deferral: experiments && at("1.9.0"),
  };
}

/** `version -json` of a binary, with an empty CLI configuration (the machine's is not read). */
function versionOf(path: string): string {
  const dir = mkdtempSync(join(tmpdir(), "kv-client-"));
  try {
    const rc = join(dir, "cli.tfrc");
    writeFileSync(rc, "");
    const r = spawnSync(path, ["version", "-json"], {
      encoding: "utf8",
      timeout: 30_000,
      env: { ...process.env, TF_CLI_CONFIG_FILE: rc, TOFU_CLI_CONFIG_FILE: rc, CHECKPOINT_DISABLE: "1" },
    });
    const v =
      r.status === 0 ? (JSON.parse(r.stdout) as { terraform_version?: string }).terraform_version : "";
    if (!v) throw new Error(`${path} version -json failed (exit ${r.status}): ${r.stderr}`);
    return v;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {}
  }
  return undefined;
}

/** The pinned versions (`1.12.6`, `1.16.4`): what a missing required client would have been. */
const pinned = {
  tofu: String(TOOLS.tofu.version).replace(/^v/, ""),
  terraform: String(TOOLS.terraform.version).replace(/^v/, ""),
};

function pinnedOpenTofu(): Client {
  try {
    const path = tofuBinary();
    const version = versionOf(path);
    return {
      name: `OpenTofu ${version} (pinned)`,
      flavor: "opentofu",
      path,
      version,
      features: featuresOf("opentofu", version, false),
    };
  } catch (e) {
    const reason = `the pinned OpenTofu is not available: ${(e as Error).message}`;
    return {
      name: `OpenTofu ${pinned.tofu} (pinned)`,
      flavor: "opentofu",
      path: undefined,
      version: "?",
      unavailable: reason,
      features: featuresOf("opentofu", pinned.tofu, false),
    };
  }
}

function builtTerraform(): Client | undefined {
  let path: string | undefined;
  let reason = "";
  try {
    path = terraformPath();
  } catch (e) {
    reason = (e as Error).message;
  }
  if (path === undefined) {
    if (!inCI()) return undefined;
    reason ||= process.env.PYVIDER_TERRAFORM_UNAVAILABLE ?? "scripts/tofu.mjs could not build it";
    return {
      name: `Terraform ${pinned.terraform} (experiments build)`,
      flavor: "terraform",
      path: undefined,
      version: "?",
      unavailable: `the experiments-enabled Terraform is required under CI=true: ${reason}`,
      features: featuresOf("terraform", pinned.terraform, true),
    };
  }
  const version = versionOf(path);
  return {
    name: `Terraform ${version} (experiments build)`,
    flavor: "terraform",
    path,
    version,
    features: featuresOf("terraform", version, true),
  };
}

function pathTerraform(exclude: readonly (string | undefined)[]): Client | undefined {
  const path = onPath("terraform");
  if (path === undefined) return undefined;
  const real = realpathSync(path);
  if (exclude.some((p) => p !== undefined && realpathSync(p) === real)) return undefined;
  const version = versionOf(path);
  return {
    name: `Terraform ${version} (PATH)`,
    flavor: "terraform",
    path,
    version,
    // a release build: experiments are off
    features: featuresOf("terraform", version, false),
  };
}

function matrix(): Client[] {
  const tofu = pinnedOpenTofu();
  const built = builtTerraform();
  const onPathTf = pathTerraform([built?.path]);
  return [tofu, ...(onPathTf ? [onPathTf] : []), ...(built ? [built] : [])];
}

/** Every client, the pinned OpenTofu first. */
export const clients: readonly Client[] = matrix();

/**
 * The clients that have every one of `features`. A required client that is missing has the
 * features of its pinned version, so it is kept where it belongs (its tests fail with the reason).
 */
export function clientsWith(...features: (keyof Features)[]): Client[] {
  return clients.filter((c) => features.every((f) => c.features[f]));
}

/** The client's path, or an error with the reason it is missing (for the tests that need it). */
export function need(client: Client): string {
  if (client.path === undefined) throw new Error(client.unavailable ?? `${client.name} is not available`);
  return client.path;
}

/** One line per client, for a suite's log. */
export function describeClients(): string {
  return clients.map((c) => `${c.name}: ${c.path ?? c.unavailable}`).join("\n");
}
