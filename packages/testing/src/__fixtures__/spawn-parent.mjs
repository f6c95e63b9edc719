// An intermediate process: starts the command given as arguments with the
// plugin environment it inherits, and once the child printed its handshake
// line prints the child's pid; then waits forever.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
createInterface({ input: child.stdout }).once("line", () => process.stdout.write(`${child.pid}\n`));
setInterval(() => {}, 60_000);
