/**
 * Exit when the parent goes away: poll the parent pid with an unref'd timer.
 * Stdin is not a signal (a plugin often inherits /dev/null).
 * @internal
 */

/** Whether a process exists (signal 0 probe; EPERM means it exists). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Calls `onGone` once when the parent process exits (the process is
 * re-parented or the original parent pid no longer exists). Returns a
 * function that stops watching. Pass the parent pid read as early as possible:
 * a parent that died before the watch began is otherwise not noticed.
 */
export function watchParent(
  onGone: (reason: string) => void,
  intervalMs = 500,
  parent = process.ppid,
): () => void {
  const timer = setInterval(() => {
    const current = process.ppid;
    if (current !== parent || !alive(parent)) {
      clearInterval(timer);
      onGone(`parent process ${parent} went away`);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
