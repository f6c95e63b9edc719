import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { sha256Sums, zipExecutable, zipTimestamp } from "./artifacts.js";

describe("release artifacts", () => {
  it("zips the same bytes whatever the time zone and the clock", () => {
    const a = zipExecutable(
      "terraform-provider-x_v1.0.0",
      Buffer.from("#!/usr/bin/env node\n"),
      zipTimestamp(),
    );
    const b = zipExecutable(
      "terraform-provider-x_v1.0.0",
      Buffer.from("#!/usr/bin/env node\n"),
      zipTimestamp(),
    );
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Object.keys(unzipSync(a)).sort()).toEqual(["package.json", "terraform-provider-x_v1.0.0"]);
  });

  it("stores the executable with unix mode 0755", () => {
    const zip = Buffer.from(zipExecutable("exe", Buffer.from("x"), zipTimestamp()));
    // central directory entry: signature 0x02014b50; external attributes at offset 38
    const at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(at).toBeGreaterThan(0);
    expect(zip[at + 5]).toBe(3); // made by: unix
    expect((zip.readUInt32LE(at + 38) >>> 16) & 0o777).toBe(0o755);
  });

  it("uses SOURCE_DATE_EPOCH's UTC fields, else 1980-01-01", () => {
    const d = zipTimestamp("1700000000"); // 2023-11-14T22:13:20Z
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()]).toEqual([
      2023, 10, 14, 22, 13,
    ]);
    expect(zipTimestamp("garbage").getFullYear()).toBe(1980);
  });

  it("sorts SHA256SUMS by name with two spaces", () => {
    expect(
      sha256Sums([
        { name: "b", data: "" },
        { name: "a", data: "abc" },
      ]),
    ).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  b\n",
    );
  });
});
