/**
 * The files of a new provider project. The code is written against the
 * public API of @pyvider/schema, @pyvider/hub, @pyvider/protocol and
 * @pyvider/testing.
 */

/** What the templates are filled with. */
export interface ScaffoldOptions {
  /** Provider type name, e.g. `files`. */
  type: string;
  /** Registry namespace. */
  namespace: string;
  /** Version range (or `file:` path into a pyvider checkout) per @pyvider package. */
  pyvider: Record<"cty" | "schema" | "hub" | "protocol" | "testing" | "cli", string>;
  /** pnpm `overrides` (the `link:` paths of a local checkout's packages), if any. */
  pnpmOverrides?: Record<string, string>;
}

/** Pinned versions of the tools a new project uses. */
export const TOOL_VERSIONS = {
  typescript: "5.9.3",
  vitest: "4.1.12",
  tsx: "4.23.15",
  "@types/node": "20.19.43",
};

/** Every file of the project, by relative path. */
export function scaffoldFiles(o: ScaffoldOptions): Record<string, string> {
  const t = o.type;
  const pkg = {
    name: `terraform-provider-${t}`,
    version: "0.1.0",
    private: true,
    description: `The ${t} Terraform/OpenTofu provider, written with pyvider.`,
    type: "module",
    scripts: {
      build: "pyvider build",
      docs: "pyvider docs --module src/provider.ts",
      "install-local": "pyvider build && pyvider install",
      release: "pyvider build && pyvider release",
      test: "vitest run",
      typecheck: "tsc --noEmit",
    },
    pyvider: { type: t, namespace: o.namespace, hostname: "registry.terraform.io", entry: "src/main.ts" },
    dependencies: {
      "@pyvider/cty": o.pyvider.cty,
      "@pyvider/hub": o.pyvider.hub,
      "@pyvider/protocol": o.pyvider.protocol,
      "@pyvider/schema": o.pyvider.schema,
    },
    devDependencies: {
      "@pyvider/cli": o.pyvider.cli,
      "@pyvider/testing": o.pyvider.testing,
      ...TOOL_VERSIONS,
    },
    engines: { node: ">=20" },
    ...(o.pnpmOverrides ? { pnpm: { overrides: o.pnpmOverrides } } : {}),
  };
  return {
    "package.json": `${JSON.stringify(pkg, null, 2)}\n`,
    "tsconfig.json": `${JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          module: "ESNext",
          moduleResolution: "Bundler",
          strict: true,
          noUncheckedIndexedAccess: true,
          verbatimModuleSyntax: true,
          skipLibCheck: true,
          noEmit: true,
          types: ["node"],
        },
        include: ["src", "test"],
      },
      null,
      2,
    )}\n`,
    ".gitignore":
      "node_modules/\nbuild/\n.pyvider/\n.terraform/\n.terraform.lock.hcl\nterraform.tfstate*\nexamples/quickstart/out/\n",
    "src/settings.ts": SETTINGS(t),
    "src/file.resource.ts": RESOURCE(t),
    "src/file.data-source.ts": DATA_SOURCE(t),
    "src/slug.function.ts": FUNCTION,
    "src/provider.ts": PROVIDER(t),
    "src/main.ts": MAIN,
    "test/provider.test.ts": TEST(t),
    "examples/provider/provider.tf": `${REQUIRED_PROVIDERS(t, o.namespace)}\n${PROVIDER_BLOCK(t)}`,
    "examples/quickstart/main.tf": QUICKSTART(t, o.namespace),
    [`examples/resources/${t}_file/resource.tf`]: `resource "${t}_file" "greeting" {\n  path    = "hello.txt"\n  content = "Hello, world!"\n}\n`,
    [`examples/resources/${t}_file/import.sh`]: `terraform import ${t}_file.greeting hello.txt\n`,
    [`examples/data-sources/${t}_file/data-source.tf`]: `data "${t}_file" "greeting" {\n  path = "hello.txt"\n}\n`,
    "examples/functions/slug/function.tf": `output "slug" {\n  value = provider::${t}::slug("Hello, World!") # "hello-world"\n}\n`,
    "README.md": README(t, o.namespace),
  };
}

/** The \`terraform\` block that tells Terraform and OpenTofu where the provider comes from. */
const REQUIRED_PROVIDERS = (t: string, ns: string) => `terraform {
  required_providers {
    ${t} = {
      source = "${ns}/${t}"
    }
  }
}
`;

const PROVIDER_BLOCK = (t: string) => `provider "${t}" {
  root = "\${path.module}/out"
}
`;

/** A whole configuration, ready for \`plan\`: the provider with its resource, data source and function. */
const QUICKSTART = (
  t: string,
  ns: string,
) => `# The configuration of the README's first plan: every component of the provider.
${REQUIRED_PROVIDERS(t, ns)}
${PROVIDER_BLOCK(t)}
resource "${t}_file" "greeting" {
  path    = "hello.txt"
  content = "Hello, \${provider::${t}::slug("Big World!")}"
}

data "${t}_file" "greeting" {
  path       = ${t}_file.greeting.path
  depends_on = [${t}_file.greeting]
}

output "read_back" {
  value = data.${t}_file.greeting.content
}
`;

const SETTINGS = (
  t: string,
) => `/** What the provider's \`configure\` returns; every component sees it as \`ctx.provider\`. */
import { isAbsolute, join } from "node:path";
import { forProvider } from "@pyvider/hub";

/** The configured ${t} provider. */
export interface Settings {
  /** Directory that relative paths are resolved against. */
  readonly root: string;
}

/** Resolves a path from the configuration against the provider's root. */
export function resolvePath(settings: Settings, path: string): string {
  return isAbsolute(path) ? path : join(settings.root, path);
}

/** The \`define*\` functions with \`ctx.provider\` typed as {@link Settings}. */
export const define = forProvider<Settings>();
`;

const RESOURCE = (t: string) => `/** \`${t}_file\`: a file on the local disk. */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { a, s } from "@pyvider/schema";
import { define, resolvePath } from "./settings.js";

const schema = s.resource(
  {
    path: a.str({ required: true, description: "Path of the file, relative to the provider's \`root\`." }),
    content: a.str({ required: true, description: "What the file holds." }),
    id: a.str({ computed: true, description: "The absolute path of the file." }),
  },
  { description: "A file on the local disk." },
);

export const file = define.defineResource({
  name: "${t}_file",
  schema,
  async create(ctx) {
    const id = resolvePath(ctx.provider, ctx.config.path);
    await mkdir(dirname(id), { recursive: true });
    await writeFile(id, ctx.config.content);
    return { path: ctx.config.path, content: ctx.config.content, id };
  },
  async read(ctx) {
    try {
      return { ...ctx.state, content: await readFile(ctx.state.id, "utf8") };
    } catch {
      return null; // gone: Terraform plans to create it again
    }
  },
  async update(ctx) {
    const id = resolvePath(ctx.provider, ctx.config.path);
    if (id !== ctx.prior.id) await rm(ctx.prior.id, { force: true });
    await mkdir(dirname(id), { recursive: true });
    await writeFile(id, ctx.config.content);
    return { path: ctx.config.path, content: ctx.config.content, id };
  },
  async delete(ctx) {
    await rm(ctx.prior.id, { force: true });
  },
  async importState(ctx) {
    if (ctx.by !== "id") throw new Error("import ${t}_file by its path");
    return { path: ctx.id, id: resolvePath(ctx.provider, ctx.id) };
  },
});
`;

const DATA_SOURCE = (t: string) => `/** \`data.${t}_file\`: reads a file. */
import { readFile } from "node:fs/promises";
import { a, s } from "@pyvider/schema";
import { define, resolvePath } from "./settings.js";

export const fileData = define.defineDataSource({
  name: "${t}_file",
  schema: s.dataSource(
    {
      path: a.str({ required: true, description: "Path of the file, relative to the provider's \`root\`." }),
      content: a.str({ computed: true, description: "What the file holds." }),
    },
    { description: "Reads a file from the local disk." },
  ),
  async read(ctx) {
    const content = await readFile(resolvePath(ctx.provider, ctx.config.path), "utf8");
    return { path: ctx.config.path, content };
  },
});
`;

const FUNCTION = `/** \`provider::<type>::slug\`: a URL-friendly form of a string. */
import { CtyString } from "@pyvider/cty";
import { defineFunction } from "@pyvider/hub";

export const slug = defineFunction({
  name: "slug",
  summary: "Makes a URL-friendly slug.",
  description: "Lower-cases the text and joins its words with dashes.",
  parameters: [{ name: "text", type: CtyString, description: "The text to slugify." }],
  returns: CtyString,
  run: (_ctx, text) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, ""),
});
`;

const PROVIDER = (t: string) => `/** The ${t} provider: its configuration and its components. */
import { buildProvider, defineProvider } from "@pyvider/hub";
import { a, s } from "@pyvider/schema";
import { fileData } from "./file.data-source.js";
import { file } from "./file.resource.js";
import type { Settings } from "./settings.js";
import { slug } from "./slug.function.js";

export const definition = defineProvider({
  name: "${t}",
  schema: s.provider({
    root: a.str({ optional: true, description: "Directory that relative paths are resolved against (default: the working directory)." }),
  }),
  configure: (ctx): Settings => ({ root: typeof ctx.config.root === "string" ? ctx.config.root : process.cwd() }),
});

/** The provider with every component, ready to serve. */
export const provider = buildProvider(definition, [file, fileData, slug]);
`;

const MAIN = `/** The provider executable: speaks the plugin protocol to Terraform and OpenTofu. */
import { serve } from "@pyvider/protocol";
import { provider } from "./provider.js";

// No top-level await: \`pyvider build\` bundles this file as CommonJS.
serve(provider).catch((error: unknown) => {
  process.stderr.write(\`\${error instanceof Error ? error.message : String(error)}\\n\`);
  process.exit(1);
});
`;

const TEST = (t: string) => `import { fileURLToPath } from "node:url";
import { startProviderProcess } from "@pyvider/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));
let provider: Awaited<ReturnType<typeof startProviderProcess>>;

beforeAll(async () => {
  // Starts the provider exactly as Terraform does (handshake, mTLS) and connects to it.
  provider = await startProviderProcess({ command: process.execPath, args: ["--import", "tsx", main] });
});
afterAll(async () => {
  await provider?.dispose();
});

describe("the ${t} provider", () => {
  it("serves its schema", async () => {
    const schema = await provider.getProviderSchema({});
    expect(schema.diagnostics).toEqual([]);
    expect(Object.keys(schema.resourceSchemas)).toEqual(["${t}_file"]);
    expect(Object.keys(schema.dataSourceSchemas)).toEqual(["${t}_file"]);
    expect(Object.keys(schema.functions)).toEqual(["slug"]);
    const attributes = schema.resourceSchemas["${t}_file"]?.block?.attributes.map((a) => a.name).sort();
    expect(attributes).toEqual(["content", "id", "path"]);
  });

  it("answers health checks", async () => {
    expect(await provider.health()).toBe(1); // SERVING
  });
});
`;

const README = (t: string, ns: string) => `# terraform-provider-${t}

A Terraform / OpenTofu provider written in TypeScript with [pyvider](https://www.npmjs.com/package/@pyvider/cli).

| | |
|---|---|
| \`src/provider.ts\` | the provider (\`${t}\`): configuration schema and component list |
| \`src/file.resource.ts\` | resource \`${t}_file\` |
| \`src/file.data-source.ts\` | data source \`${t}_file\` |
| \`src/slug.function.ts\` | function \`provider::${t}::slug\` |
| \`src/main.ts\` | the executable's entry: \`serve(provider)\` |
| \`test/\` | tests that start the provider like Terraform does |
| \`examples/\` | Terraform examples, used by \`pyvider docs\` |
| \`examples/quickstart/\` | a whole configuration to plan and apply against the local build |

## Develop

\`\`\`sh
npm install
npm test                      # protocol-level tests
npx pyvider build             # build/terraform-provider-${t}_v0.1.0
npx pyvider install           # local mirror, .pyvider/dev.tfrc (dev_overrides) and .pyvider/mirror.tfrc
export TF_CLI_CONFIG_FILE=$PWD/.pyvider/dev.tfrc
cd examples/quickstart        # the provider, its resource, data source and function
tofu plan                     # or terraform plan: no init with dev_overrides
tofu apply
\`\`\`

Use it as \`source = "${ns}/${t}"\` in \`required_providers\` (see \`examples/provider/provider.tf\`):
Terraform reads that as registry.terraform.io/${ns}/${t}, OpenTofu as registry.opentofu.org/${ns}/${t};
\`pyvider install\` points both at the build.

## Document and release

\`\`\`sh
npx pyvider docs              # docs/ in the registry layout
npx pyvider docs --check      # in CI
npx pyvider schema > schema.json && npx pyvider schema diff old-schema.json schema.json
npx pyvider release --gpg-key key.asc   # zips, SHA256SUMS(.sig), manifest
\`\`\`
`;
