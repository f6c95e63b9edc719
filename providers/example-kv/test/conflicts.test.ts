/**
 * Two workspaces (of every client, support/clients.ts) managing the same key of one store: a plan made before the other
 * workspace changed the entry must not overwrite or delete that change. The stale apply fails with
 * a conflict diagnostic that says what changed and what to do (never "a bug in the provider"),
 * the store is left byte for byte as the other workspace wrote it, and refreshing as told lets the
 * next apply go through. Creating a key that another workspace already holds writes nothing either.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { clients, need } from "./support/clients.js";
import { providerBlock, T } from "./support/kv.js";
import { type Run, TfDir } from "./support/tf.js";

const dirs: TfDir[] = [];
afterAll(async () => {
  for (const d of dirs) await d.dispose();
});

const requiredProviders = `terraform {\n  required_providers {\n    kv = { source = "pyvider/kv" }\n  }\n}\n`;

/** Command output as one line of text (OpenTofu wraps diagnostics in a box). */
const flat = (r: Run) =>
  `${r.stdout}\n${r.stderr}`
    .split("\n")
    .map((l) => l.replace(/^[│╷╵]\s?/, "").trim())
    .join(" ")
    .replace(/\s+/g, " ");

describe.each(clients)("two workspaces writing the same key, with $name", (client) => {
  beforeEach(() => void need(client));
  const workspace = async () => {
    const dir = await TfDir.create({ binary: need(client), flavor: client.flavor });
    dirs.push(dir);
    return dir;
  };

  it(
    "a stale update or delete is refused as a conflict and writes nothing; a refresh lets it through",
    async () => {
      const a = await workspace();
      const b = await workspace();
      const provider = `${requiredProviders}${providerBlock(a.store)}`;
      const entry = (value: string) =>
        `resource "kv_entry" "shared" {\n  key   = "shared/k"\n  value = "${value}"\n}\n`;
      const file = a.storePath("acc", "shared/k");
      const stored = () => JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
      const apply = ["apply", "-auto-approve", "-no-color"];

      // workspace A creates the entry; workspace B takes it over by import
      a.write({ "main.tf": provider + entry("from-a-1") });
      await a.must(apply);
      b.write({
        "main.tf": `${provider}${entry("from-a-1")}import {\n  to = kv_entry.shared\n  id = "shared/k"\n}\n`,
      });
      await b.must(apply);
      expect(stored()).toMatchObject({ value: "from-a-1", version: 1 });

      // B plans a change while the entry is at version 1 ...
      b.write({ "main.tf": provider + entry("from-b") });
      await b.must(["plan", "-out=update.tfplan", "-no-color"]);
      // ... A changes the entry meanwhile (version 2) ...
      a.write({ "main.tf": provider + entry("from-a-2") });
      await a.must(apply);
      const before = readFileSync(file);
      expect(stored()).toMatchObject({ value: "from-a-2", version: 2 });
      // ... and B's saved plan is refused: nothing written
      const stale = await b.must(["apply", "-no-color", "update.tfplan"], [1]);
      const text = flat(stale);
      expect(text).toContain("Error: Entry changed since it was last read");
      expect(text).toContain(
        'Cannot update entry "shared/k" in namespace "acc": the state expects version 1, but the store now has version 2.',
      );
      expect(text).toContain("nothing was written");
      expect(text).toContain("`terraform apply -refresh-only`");
      expect(text).toContain("with kv_entry.shared");
      expect(text).not.toMatch(/bug in the provider|inconsistent result|Provider produced/i);
      expect(readFileSync(file).equals(before)).toBe(true);

      // doing what the message says: refresh, then apply again
      await b.must([...apply.slice(0, 1), "-refresh-only", "-auto-approve", "-no-color"]);
      const replanned = await b.must(["plan", "-detailed-exitcode", "-no-color"], [2]);
      expect(replanned.stdout).toMatch(/~ update in-place/);
      await b.must(apply);
      expect(stored()).toMatchObject({ value: "from-b", version: 3 });

      // a stale destroy: B plans it at version 3, A writes version 4, B's destroy is refused
      await b.must(["plan", "-destroy", "-out=destroy.tfplan", "-no-color"]);
      a.write({ "main.tf": provider + entry("from-a-3") });
      await a.must(apply);
      const beforeDelete = readFileSync(file);
      expect(stored()).toMatchObject({ value: "from-a-3", version: 4 });
      const staleDestroy = await b.must(["apply", "-no-color", "destroy.tfplan"], [1]);
      const destroyText = flat(staleDestroy);
      expect(destroyText).toContain(
        'Cannot delete entry "shared/k" in namespace "acc": the state expects version 3, but the store now has version 4.',
      );
      expect(destroyText).not.toMatch(/bug in the provider/i);
      expect(readFileSync(file).equals(beforeDelete)).toBe(true);
    },
    T,
  );

  it(
    "creating a key another workspace holds is refused with what to do, and writes nothing",
    async () => {
      const a = await workspace();
      const b = await workspace();
      const provider = `${requiredProviders}${providerBlock(a.store)}`;
      const entry = (value: string) =>
        `resource "kv_entry" "mine" {\n  key   = "taken"\n  value = "${value}"\n}\n`;
      a.write({ "main.tf": provider + entry("a's value") });
      await a.must(["apply", "-auto-approve", "-no-color"]);
      const file = a.storePath("acc", "taken");
      const before = readFileSync(file);
      b.write({ "main.tf": provider + entry("b's value") });
      const refused = await b.must(["apply", "-auto-approve", "-no-color"], [1]);
      const text = flat(refused);
      expect(text).toContain("Error: Entry already exists");
      expect(text).toContain(
        'Entry "taken" already exists in namespace "acc" (version 1), so nothing was written.',
      );
      expect(text).toMatch(/import it \(an `import` block with id = "taken"/);
      expect(text).not.toMatch(/bug in the provider/i);
      expect(readFileSync(file).equals(before)).toBe(true);
      // B's state holds nothing: its next plan still wants to create
      const plan = await b.must(["plan", "-detailed-exitcode", "-no-color"], [2]);
      expect(plan.stdout).toMatch(/kv_entry\.mine will be created/);
    },
    T,
  );
});
