/** Runs only the cty codec benchmark (`npm run bench:cty`). */
import { runCtyCodecBench } from "./cty-codec.js";

await runCtyCodecBench();
