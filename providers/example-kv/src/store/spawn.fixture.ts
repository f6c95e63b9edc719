/** Helpers for tests that run the store in child processes (see worker.fixture.ts). */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const worker = fileURLToPath(new URL("./worker.fixture.ts", import.meta.url));

/** Starts the worker with `args`. */
export function startWorker(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ["--import", tsx, worker, ...args], { stdio: ["ignore", "pipe", "pipe"] });
}

/** Runs the worker to completion and resolves with its stdout; rejects with its stderr on a non-zero exit. */
export function runWorker(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = startWorker(args);
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code, signal) =>
      code === 0 ? resolve(stdout) : reject(new Error(`worker exited ${code ?? signal}: ${stderr}`)),
    );
  });
}

/** Resolves once the worker printed `ready`, rejects if it exits first. */
export function whenReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("ready")) resolve();
    });
    child.on("exit", (code, signal) =>
      reject(new Error(`worker exited ${code ?? signal} before ready: ${err}`)),
    );
  });
}

/** Kills the worker with SIGKILL and waits until it is gone. */
export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}
