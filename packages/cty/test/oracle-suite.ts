/**
 * The set-up every go-cty oracle suite shares: the case count (`PYVIDER_ORACLE_RUNS`, 2,000 by
 * default), whether `go` is there (without it a suite is skipped locally and fails under
 * CI=true), and one oracle process started before the suite's tests and closed after them.
 */
import { afterAll, beforeAll } from "vitest";
import { haveGo, Oracle, onCI } from "../oracle/client.js";

/** Random cases per property. */
export const RUNS = Number(process.env.PYVIDER_ORACLE_RUNS ?? 2000);

/** Whether `go` is on PATH (suites use `describe.skipIf(!goAvailable)`). */
export const goAvailable = haveGo();

if (!goAvailable && onCI) {
  throw new Error("the go-cty oracle needs a `go` toolchain on PATH; CI must not skip it");
}

/** Starts the oracle for the calling suite; the returned function gives it to its tests. */
export function useOracle(): () => Oracle {
  let oracle: Oracle | undefined;
  beforeAll(() => {
    if (goAvailable) oracle = Oracle.start();
  });
  afterAll(async () => {
    await oracle?.close();
  });
  return () => {
    if (oracle === undefined) throw new Error("the go-cty oracle is not running");
    return oracle;
  };
}
