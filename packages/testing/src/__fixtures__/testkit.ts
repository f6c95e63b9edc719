/**
 * Fixture: the `testkit` provider, written with the hub authoring API, used by this package's
 * harness and acceptance tests. Its "remote API" is a directory of JSON files (the provider's
 * `dir` setting), so state survives across provider processes and tests can change the world
 * out of band (drift) by editing files. One component of every kind.
 *
 * @module
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CtyString } from "@pyvider/cty";
import type { ProviderDefinition } from "@pyvider/hub";
import { buildProvider, defineFunction, defineProvider, FunctionError, forProvider } from "@pyvider/hub";
import { a, pm, s, v } from "@pyvider/schema";

/** What the fixture stores per item (one JSON file per name). */
export interface StoredItem {
  content: string;
  tag: string;
  revision: number;
}

/** The fixture's remote API: a directory of `<name>.json` files. */
export class FileStore {
  /** @param dir the directory (created if missing) */
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }
  #file(name: string): string {
    return join(this.dir, `${name}.json`);
  }
  /** Reads an item, or undefined. */
  get(name: string): StoredItem | undefined {
    const f = this.#file(name);
    return existsSync(f) ? (JSON.parse(readFileSync(f, "utf8")) as StoredItem) : undefined;
  }
  /** Writes an item. */
  put(name: string, item: StoredItem): void {
    writeFileSync(this.#file(name), JSON.stringify(item));
  }
  /** Deletes an item; false if there was none. */
  delete(name: string): boolean {
    const f = this.#file(name);
    if (!existsSync(f)) return false;
    rmSync(f);
    return true;
  }
  /** The item names, sorted. */
  names(): string[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.slice(0, -5))
      .sort();
  }
}

/** The provider. */
export const testkit = defineProvider({
  name: "testkit",
  schema: s.provider({
    dir: a.str({ required: true, description: "Directory holding the items." }),
    fail_configure: a.bool({ optional: true }),
  }),
  validate(ctx) {
    if (ctx.config.dir === "") ctx.addError("Invalid dir", "dir must not be empty.", ["dir"]);
  },
  configure(ctx) {
    if (ctx.config.fail_configure === true) throw new Error("configure failed on purpose");
    return new FileStore(String(ctx.config.dir));
  },
});

const { defineResource, defineDataSource, defineEphemeralResource, defineListResource, defineAction } =
  forProvider(testkit);

/** `testkit_item`: a named piece of content. */
export const item = defineResource({
  name: "testkit_item",
  schema: s.resource(
    {
      name: a.str({
        required: true,
        planModifiers: [pm.requiresReplace()],
        validators: [v.lengthBetween(1, 40)],
      }),
      content: a.str({ required: true }),
      tag: a.str({ optional: true, default: "none" }),
      id: a.str({ computed: true, planModifiers: [pm.useStateForUnknown()] }),
      revision: a.num({ computed: true }),
    },
    { version: 1 },
  ),
  identity: s.identity({ name: a.str({ required: true }) }),
  validate(ctx) {
    if (typeof ctx.config.content === "string" && ctx.config.content.includes("forbidden")) {
      ctx.addError("Forbidden content", "content may not contain the word forbidden.", ["content"]);
    }
  },
  plan(ctx) {
    if (ctx.planned === null || ctx.prior === null) return;
    if (ctx.planned.content !== ctx.prior.content || ctx.planned.tag !== ctx.prior.tag) {
      ctx.planned.revision = ctx.prior.revision + 1;
    } else {
      ctx.planned.revision = ctx.prior.revision;
    }
  },
  create(ctx) {
    const store = ctx.provider;
    if (store.get(ctx.config.name) !== undefined) {
      throw new Error(`item ${ctx.config.name} already exists`);
    }
    const tag = ctx.plan.tag as string;
    store.put(ctx.config.name, { content: ctx.config.content, tag, revision: 1 });
    ctx.setIdentity({ name: ctx.config.name });
    return {
      name: ctx.config.name,
      content: ctx.config.content,
      tag,
      id: `item-${ctx.config.name}`,
      revision: 1,
    };
  },
  read(ctx) {
    const stored = ctx.provider.get(ctx.state.name);
    if (stored === undefined) return null;
    ctx.setIdentity({ name: ctx.state.name });
    return { ...ctx.state, content: stored.content, tag: stored.tag, revision: stored.revision };
  },
  update(ctx) {
    const revision = ctx.prior.revision + 1;
    const tag = ctx.plan.tag as string;
    ctx.provider.put(ctx.config.name, { content: ctx.config.content, tag, revision });
    ctx.setIdentity({ name: ctx.config.name });
    return { ...ctx.prior, content: ctx.config.content, tag, revision };
  },
  delete(ctx) {
    ctx.provider.delete(ctx.prior.name);
  },
  importState(ctx) {
    const name = ctx.by === "id" ? ctx.id : ctx.identityValue.name;
    const stored = ctx.provider.get(name);
    if (stored === undefined) throw new Error(`cannot import ${name}: no such item`);
    ctx.setIdentity({ name });
    return { name, content: stored.content, tag: stored.tag, id: `item-${name}`, revision: stored.revision };
  },
  moveState: [
    {
      sourceTypeName: "testkit_legacy",
      move: (ctx) => {
        const name = String(ctx.sourceState.title);
        ctx.setIdentity({ name });
        return { name, content: String(ctx.sourceState.body), tag: "moved", id: `item-${name}`, revision: 1 };
      },
    },
  ],
  upgradeState: {
    0: (ctx) => ({
      name: String(ctx.raw.title),
      content: String(ctx.raw.body),
      tag: "none",
      id: `item-${String(ctx.raw.title)}`,
      revision: 1,
    }),
  },
});

/** `testkit_file`: reads an item. */
export const file = defineDataSource({
  name: "testkit_file",
  schema: s.dataSource({ name: a.str({ required: true }), content: a.str({ computed: true }) }),
  read(ctx) {
    const stored = ctx.provider.get(ctx.config.name);
    if (stored === undefined) {
      ctx.addError("No such item", `There is no item named "${ctx.config.name}".`, ["name"]);
      return { name: ctx.config.name, content: "" };
    }
    return { name: ctx.config.name, content: stored.content };
  },
});

/** `provider::testkit::shout(text)`. */
export const shout = defineFunction({
  name: "shout",
  summary: "Upper-cases a string",
  parameters: [{ name: "text", type: CtyString }],
  returns: CtyString,
  run(_ctx, text) {
    if (text === "") throw new FunctionError("text must not be empty", { argument: 0 });
    return `${text.toUpperCase()}!`;
  },
});

/** `testkit_secret`: an ephemeral token. */
export const secret = defineEphemeralResource({
  name: "testkit_secret",
  schema: s.ephemeral({ name: a.str({ required: true }), value: a.str({ computed: true, sensitive: true }) }),
  open(ctx) {
    ctx.private.set("lease", `lease-${ctx.config.name}`);
    return { name: ctx.config.name, value: `secret-${ctx.config.name}` };
  },
  renew(ctx) {
    ctx.private.set("renewed", true);
  },
  close() {},
});

/** `testkit_item` list resource. */
export const items = defineListResource({
  resource: item,
  schema: s.list({ prefix: a.str({ optional: true }) }),
  *list(ctx) {
    for (const name of ctx.provider.names()) {
      if (typeof ctx.config.prefix === "string" && !name.startsWith(ctx.config.prefix)) continue;
      const stored = ctx.provider.get(name)!;
      yield {
        identity: { name },
        displayName: name,
        resource: {
          name,
          content: stored.content,
          tag: stored.tag,
          id: `item-${name}`,
          revision: stored.revision,
        },
      };
    }
  },
});

/** `testkit_touch` action: bumps an item's revision. */
export const touch = defineAction({
  name: "testkit_touch",
  schema: s.action({ name: a.str({ required: true }) }),
  invoke(ctx) {
    const stored = ctx.provider.get(ctx.config.name);
    if (stored === undefined) throw new Error(`no item ${ctx.config.name}`);
    ctx.progress(`touching ${ctx.config.name}`);
    ctx.provider.put(ctx.config.name, { ...stored, revision: stored.revision + 1 });
    ctx.progress("done");
  },
});

/** Every component of the fixture. */
export const testkitComponents = [item, file, shout, secret, items, touch] as const;

/** Builds the fixture provider. */
export function buildTestkit(): ProviderDefinition {
  return buildProvider(testkit, testkitComponents);
}
