/**
 * Crash-safe file primitives: atomic replace (temp file in the same
 * directory, fsync, rename, fsync of the directory), directory creation that
 * never loops, and removal of temp files left by crashed writers.
 */
import { randomBytes } from "node:crypto";
import { constants, promises as fs } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { WriteFailedError } from "./errors.js";

/** Prefix of every temp file; such files are never read as entries. */
export const TEMP_PREFIX = ".tmp-";

/** A hook run after the temp file is durable and before the rename. Tests use it to inject crashes. */
export type BeforeRenameHook = (tempFile: string, target: string) => void | Promise<void>;

let beforeRename: BeforeRenameHook | undefined;

/**
 * Installs (or with `undefined` removes) a fault-injection hook for tests.
 * Internal: not part of the store's public surface.
 */
export function setBeforeRenameHook(hook: BeforeRenameHook | undefined): void {
  beforeRename = hook;
}

/** Whether an error is a Node system error with the given code. */
export function isErrno(error: unknown, ...codes: string[]): boolean {
  return (
    typeof error === "object" && error !== null && codes.includes((error as NodeJS.ErrnoException).code ?? "")
  );
}

/** Flushes a directory's entries to disk. Platforms that cannot fsync a directory are tolerated. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch (error) {
    if (!isErrno(error, "EISDIR", "EPERM", "EINVAL", "EBADF", "EACCES")) throw error;
  } finally {
    await handle?.close();
  }
}

/** What {@link writeFileAtomic} writes: bytes, text (UTF-8), or pieces of either written in order. */
export type FileContent = Uint8Array | string | Iterable<Uint8Array | string>;

function* contentPieces(data: FileContent): Generator<Uint8Array> {
  if (typeof data === "string") yield Buffer.from(data, "utf8");
  else if (data instanceof Uint8Array) yield data;
  else for (const piece of data) yield typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
}

/**
 * Replaces `target` with `data` atomically: readers see either the old or the
 * new content, whatever happens to this process. Pieces are encoded and written
 * one at a time, so a large file never has to be in memory as one buffer. Throws
 * {@link WriteFailedError} (old content intact, temp file removed) on failure.
 */
export async function writeFileAtomic(target: string, data: FileContent): Promise<void> {
  const dir = dirname(target);
  const temp = join(
    dir,
    `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString("hex")}-${basename(target).slice(0, 60)}`,
  );
  let renamed = false;
  try {
    const handle = await fs.open(temp, "wx", 0o644);
    try {
      let total = 0;
      for (const bytes of contentPieces(data)) {
        let offset = 0;
        while (offset < bytes.length) {
          const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
          if (bytesWritten <= 0) throw new Error("short write");
          offset += bytesWritten;
        }
        total += bytes.length;
      }
      await handle.sync();
      const { size } = await handle.stat();
      if (size !== total) throw new Error(`truncated write: ${size} of ${total} bytes on disk`);
    } finally {
      await handle.close();
    }
    await beforeRename?.(temp, target);
    await fs.rename(temp, target);
    renamed = true;
    await fsyncDir(dir);
  } catch (error) {
    if (!renamed) {
      await fs.rm(temp, { force: true }).catch(() => {});
      throw new WriteFailedError(target, error);
    }
    throw error;
  }
}

/** Removes `file` (missing is fine) and flushes its directory. Returns whether it existed. */
export async function removeFileDurably(file: string): Promise<boolean> {
  try {
    await fs.unlink(file);
  } catch (error) {
    if (isErrno(error, "ENOENT")) return false;
    throw error;
  }
  await fsyncDir(dirname(file));
  return true;
}

/** Reads a file, or `undefined` when it does not exist. */
export async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if (isErrno(error, "ENOENT")) return undefined;
    throw error;
  }
}

/**
 * Creates `dir` and its missing parents one level at a time. Unlike
 * `mkdir({ recursive: true })` this never loops on special file systems
 * (Node 20 can spin forever under `/proc`), and a parent that is a file
 * fails with `ENOTDIR`.
 */
export async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = dir;
  for (;;) {
    try {
      const stat = await fs.stat(current);
      if (!stat.isDirectory()) {
        const error: NodeJS.ErrnoException = new Error(`ENOTDIR: not a directory, mkdir '${current}'`);
        error.code = "ENOTDIR";
        throw error;
      }
      break;
    } catch (error) {
      if (!isErrno(error, "ENOENT")) throw error;
      missing.push(current);
      const parent = dirname(current);
      if (parent === current) break;
      current = parent;
    }
  }
  for (const path of missing.reverse()) {
    try {
      await fs.mkdir(path, 0o755);
    } catch (error) {
      if (!isErrno(error, "EEXIST")) throw error;
    }
  }
}

/** Whether process `pid` is alive on this host. */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, "EPERM");
  }
}

/** This machine's host name, recorded in lock and lease files. */
export const HOST = hostname();

/**
 * Deletes temp files in `dir` left by writers that died: the writer's pid is
 * gone and the file is older than `minAgeMs`. Never touches anything else.
 */
export async function sweepTempFiles(dir: string, minAgeMs = 60_000): Promise<number> {
  let removed = 0;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const pid = Number(name.slice(TEMP_PREFIX.length).split("-")[0]);
    if (isProcessAlive(pid)) continue;
    const file = join(dir, name);
    try {
      const { mtimeMs } = await fs.stat(file);
      if (Date.now() - mtimeMs < minAgeMs) continue;
      await fs.unlink(file);
      removed += 1;
    } catch {
      // Gone already or not ours to remove: leave it.
    }
  }
  return removed;
}
