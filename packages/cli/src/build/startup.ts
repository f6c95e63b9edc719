/**
 * Measures a provider executable's start-up the way Terraform experiences it:
 * from spawn to the go-plugin handshake line (`1|6|...`) on stdout.
 */
import { spawn } from "node:child_process";
import { CliError, messageOf } from "../cli/errors.js";

/** One measured start. */
export interface StartupSample {
  /** Milliseconds from spawn to the handshake line. */
  ms: number;
  /** The handshake line. */
  line: string;
}

/**
 * The environment Terraform starts a plugin with: @pyvider/protocol's go-plugin magic cookie,
 * protocol version 6 and a fresh self-signed client certificate (PEM) in PLUGIN_CLIENT_CERT.
 */
export async function pluginEnvironment(): Promise<Record<string, string>> {
  try {
    const { generateCertificate, MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } = await import("@pyvider/protocol");
    return {
      [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
      PLUGIN_PROTOCOL_VERSIONS: "6",
      PLUGIN_CLIENT_CERT: generateCertificate().certificatePem,
    };
  } catch (error) {
    throw new CliError(`cannot make a client certificate with @pyvider/protocol: ${messageOf(error)}`);
  }
}

/**
 * Starts the executable once with `pluginEnv` (see {@link pluginEnvironment}) added to this
 * process's environment and times the handshake line; the process is stopped afterwards.
 */
export function measureOnce(
  command: string,
  args: readonly string[],
  pluginEnv: Readonly<Record<string, string>>,
  timeoutMs = 20_000,
): Promise<StartupSample> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, [...args], {
      env: { ...process.env, ...pluginEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let done = false;
    const finish = (error: Error | undefined, sample?: StartupSample) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.stdout.removeAllListeners("data");
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const hard = setTimeout(() => child.kill("SIGKILL"), 3000);
        hard.unref();
        child.once("exit", () => clearTimeout(hard));
      }
      if (error) reject(error);
      else if (sample) resolve(sample);
    };
    const timer = setTimeout(
      () => finish(new CliError(`no handshake line within ${timeoutMs} ms`, { details: tail(stderr) })),
      timeoutMs,
    );
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d: string) => {
      stderr += d;
    });
    child.stdout.on("data", (d: string) => {
      stdout += d;
      const nl = stdout.indexOf("\n");
      if (nl < 0) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = stdout.slice(0, nl).trim();
      if (!/^1\|6\|(unix|tcp)\|/.test(line)) {
        finish(
          new CliError(
            `the first stdout line is not a protocol 6 handshake: ${JSON.stringify(line.slice(0, 200))}`,
          ),
        );
      } else finish(undefined, { ms, line });
    });
    child.once("error", (error) => finish(new CliError(`cannot start ${command}: ${error.message}`)));
    child.once("exit", (code, signal) =>
      finish(
        new CliError(`the provider exited (${signal ?? `code ${code}`}) before the handshake`, {
          details: tail(stderr),
        }),
      ),
    );
  });
}

function tail(text: string): string[] {
  return text
    .trim()
    .split("\n")
    .slice(-10)
    .filter((l) => l !== "");
}

/** Summary of several starts. */
export interface StartupReport {
  /** Every sample in ms. */
  samples: number[];
  /** Fastest. */
  minMs: number;
  /** Median. */
  medianMs: number;
  /** Median start-up of a bare `node` printing a handshake line, measured in the same run. */
  baselineMedianMs: number;
  /** The handshake line of the last run. */
  handshake: string;
}

/** The smallest possible "provider": node printing a handshake line at once. Start-up is compared with it. */
const BASELINE_SCRIPT = 'process.stdout.write("1|6|unix|/baseline|grpc|x\\n");setInterval(()=>{},1e3)';

/**
 * Starts the executable `runs` times, each right after a bare `node` that only
 * prints a handshake line (the baseline: what no provider can beat on this
 * machine under its current load), and summarises both.
 */
export async function measureStartup(
  command: string,
  args: readonly string[] = [],
  runs = 3,
): Promise<StartupReport> {
  const env = await pluginEnvironment();
  const samples: number[] = [];
  const baseline: number[] = [];
  let handshake = "";
  for (let i = 0; i < Math.max(1, runs); i++) {
    baseline.push((await measureOnce(process.execPath, ["-e", BASELINE_SCRIPT], env)).ms);
    const s = await measureOnce(command, args, env);
    samples.push(s.ms);
    handshake = s.line;
  }
  return {
    samples,
    minMs: min(samples),
    medianMs: median(samples),
    baselineMedianMs: median(baseline),
    handshake,
  };
}

function min(xs: number[]): number {
  return Math.min(...xs);
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
