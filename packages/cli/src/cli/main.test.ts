import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { run } from "./main.js";

function capture(isTTY = false) {
  let text = "";
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  }) as Writable & { isTTY?: boolean };
  stream.isTTY = isTTY;
  return { stream, text: () => text };
}

async function pyvider(args: string[], env: NodeJS.ProcessEnv = {}, tty = false) {
  const out = capture(tty);
  const err = capture(tty);
  const code = await run(args, { stdout: out.stream, stderr: err.stream, env, cwd: process.cwd() });
  return { code, stdout: out.text(), stderr: err.text() };
}

const COMMANDS = ["new", "build", "install", "docs", "schema", "schema diff", "release"];

describe("run", () => {
  it.each(COMMANDS)("gives `%s` a help text with usage, options and examples", async (name) => {
    const r = await pyvider([...name.split(" "), "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: pyvider ${name}`);
    expect(r.stdout).toContain("--json");
    expect(r.stdout).toMatch(/Examples:\n {2}# .+\n {2}\$ pyvider /);
  });

  it("lists every command in the program help", async () => {
    const r = await pyvider([]);
    for (const name of COMMANDS) expect(r.stdout).toContain(`  ${name} `);
  });

  it("colours only terminals, and never with NO_COLOR", async () => {
    expect((await pyvider(["docs", "--help"], {}, true)).stdout).toContain("\x1b[1m");
    expect((await pyvider(["docs", "--help"], { NO_COLOR: "1" }, true)).stdout).not.toContain("\x1b[");
    expect((await pyvider(["docs", "--help"], {}, false)).stdout).not.toContain("\x1b[");
    expect((await pyvider(["docs", "--help", "--color"], {}, false)).stdout).toContain("\x1b[1m");
  });

  it("reports errors as JSON too in --json mode", async () => {
    const r = await pyvider(["schema", "diff", "/nonexistent/a.json", "/nonexistent/b.json", "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toContain("cannot read schema file /nonexistent/a.json");
    expect(r.stderr).toContain("error: cannot read schema file");
  });

  it("prints the version", async () => {
    // the version of packages/cli/package.json, whatever `changeset version` made it
    const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect((await pyvider(["--version"])).stdout).toBe(`${version}\n`);
  });
});
