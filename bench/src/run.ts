/** Runs every benchmark in this folder. */
import { runCtyCodecBench } from "./cty-codec.js";

await runCtyCodecBench();

const { runStartupBench } = await import("./startup.js");
await runStartupBench([]);

const { runMemoryBench } = await import("./memory.js");
await runMemoryBench([]);
