/**
 * Mutual exclusion per key: an in-process mutex (shared by every store object
 * of this process) plus an advisory lock file that works across processes
 * without native modules. A lock file is created with `O_EXCL` (`wx`) and
 * records its holder; a lock whose holder died (same host, pid gone) or that
 * is older than the stale age is broken, under a short "breaker" lock so that
 * two waiters never both break it.
 */
import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import { LockTimeoutError } from "./errors.js";
import { HOST, isErrno, isProcessAlive } from "./fs-atomic.js";

/** Tuning of lock acquisition. */
export interface LockOptions {
  /** Give up (with {@link LockTimeoutError}) after this long. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /** A lock older than this is considered abandoned even if its pid looks alive. Default 60 000 ms. */
  readonly staleMs?: number;
}

/** What a lock file holds. */
interface LockRecord {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  readonly acquired_at: string;
}

const chains = new Map<string, Promise<void>>();

/**
 * Runs `fn` while no other call with the same `name` runs in this process.
 * Calls with different names run in parallel.
 */
export async function withMutex<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const previous = chains.get(name) ?? Promise.resolve();
  let release!: () => void;
  const current = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => current);
  chains.set(name, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (chains.get(name) === tail) chains.delete(name);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readRecord(file: string): Promise<{ record?: LockRecord; ageMs: number } | undefined> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(file, "utf8"), fs.stat(file)]);
    const ageMs = Date.now() - stat.mtimeMs;
    try {
      const parsed = JSON.parse(text) as LockRecord;
      if (typeof parsed.pid === "number" && typeof parsed.token === "string")
        return { record: parsed, ageMs };
    } catch {
      // Written only partly (holder died between create and write) or edited by hand.
    }
    return { ageMs };
  } catch (error) {
    if (isErrno(error, "ENOENT")) return undefined;
    throw error;
  }
}

function isStale(found: { record?: LockRecord; ageMs: number }, staleMs: number): boolean {
  if (found.ageMs > staleMs) return true;
  if (!found.record) return found.ageMs > 2_000;
  return found.record.host === HOST && !isProcessAlive(found.record.pid);
}

function describe(found: { record?: LockRecord; ageMs: number } | undefined): string {
  if (!found) return "nobody (it was just released)";
  if (!found.record) return `an unknown holder (unreadable lock file, ${Math.round(found.ageMs)} ms old)`;
  const { pid, host, acquired_at } = found.record;
  return `pid ${pid} on ${host} since ${acquired_at}`;
}

async function tryCreate(file: string, record: LockRecord): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, "wx", 0o644);
  } catch (error) {
    if (isErrno(error, "EEXIST")) return false;
    throw error;
  }
  try {
    await handle.writeFile(`${JSON.stringify(record)}\n`);
  } finally {
    await handle.close();
  }
  return true;
}

/** Breaks `file` if it still holds the stale lock we saw, under a breaker lock. */
async function breakStale(file: string, seen: { record?: LockRecord; ageMs: number }): Promise<boolean> {
  const breaker = `${file}.break`;
  const mine: LockRecord = { pid: process.pid, host: HOST, token: randomUUID(), acquired_at: "" };
  if (!(await tryCreate(breaker, mine))) {
    const other = await readRecord(breaker);
    if (other && isStale(other, 10_000)) await fs.rm(breaker, { force: true });
    return false;
  }
  try {
    const now = await readRecord(file);
    const same = now && (seen.record ? now.record?.token === seen.record.token : !now.record);
    if (same) await fs.rm(file, { force: true });
    return true;
  } finally {
    await fs.rm(breaker, { force: true });
  }
}

/**
 * Runs `fn` holding the lock file `file` (its directory must exist). Waits
 * with backoff while another holder has it, breaking abandoned locks.
 */
export async function withFileLock<T>(file: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 60_000;
  const record: LockRecord = {
    pid: process.pid,
    host: HOST,
    token: randomUUID(),
    acquired_at: new Date().toISOString(),
  };
  const deadline = Date.now() + timeoutMs;
  let delay = 1;
  while (!(await tryCreate(file, record))) {
    const found = await readRecord(file);
    if (found && isStale(found, staleMs) && (await breakStale(file, found))) continue;
    if (Date.now() >= deadline) throw new LockTimeoutError(file, timeoutMs, describe(found));
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
  try {
    return await fn();
  } finally {
    // Remove only our own lock: if it was broken as stale meanwhile, the file is someone else's.
    const now = await readRecord(file).catch(() => undefined);
    if (now?.record?.token === record.token) await fs.rm(file, { force: true });
  }
}

/** Runs `fn` under both the in-process mutex and the lock file for `file`. */
export function withKeyLock<T>(file: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  return withMutex(file, () => withFileLock(file, options, fn));
}
