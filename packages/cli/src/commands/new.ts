/** `pyvider new <name>`: a new provider project. */
import { resolve } from "node:path";
import type { Command } from "../cli/command.js";
import { stringOption } from "../cli/command.js";
import { UsageError } from "../cli/errors.js";
import { checkoutBuilt, scaffold, typeFromName } from "../scaffold/scaffold.js";
import { VERSION } from "../version.js";

/** The `new` command. */
export const newCommand: Command = {
  name: "new",
  summary: "scaffold a new provider project",
  usage: "new <name> [--type <type>] [--namespace <ns>] [--link <pyvider-checkout>]",
  description:
    'Creates <name>/ with package.json (the @pyvider packages and a "pyvider" field), a sample resource,\n' +
    "data source and function, protocol-level tests with @pyvider/testing, examples/ for the docs\n" +
    "(examples/quickstart/ is a whole configuration for a first plan), and a README.\n" +
    "The provider type defaults to the name without its terraform-provider- prefix.\n" +
    `The @pyvider packages come from the registry as ^${VERSION} (this CLI's version). With --link they come\n` +
    "from a local pyvider checkout instead: file: paths (npm links them) and pnpm overrides to link: paths,\n" +
    "so npm install and pnpm install both work. Linked packages are used as they are, dist/ included:\n" +
    "build the checkout first (node scripts/bootstrap.mjs && npm run build in it).",
  options: {
    type: { type: "string", value: "<type>", description: "provider type name (default: from <name>)" },
    namespace: { type: "string", value: "<ns>", description: "registry namespace (default: pyvider)" },
    link: {
      type: "string",
      value: "<pyvider-checkout>",
      description:
        "depend on a local, built pyvider checkout's packages (file: paths, pnpm link: overrides) instead of registry versions",
    },
  },
  examples: [
    ["pyvider new terraform-provider-files", "a provider of type `files` in ./terraform-provider-files"],
    ["pyvider new my-provider --type acme --namespace acme-corp", "choose the type and namespace"],
    ["pyvider new terraform-provider-files --link ../pyvider-ts", "use the packages of a local checkout"],
  ],
  async run(ctx) {
    const [name, ...rest] = ctx.positionals;
    if (!name || rest.length > 0) throw new UsageError("new takes exactly one argument: the project name");
    const dir = resolve(ctx.cwd, name);
    const type = stringOption(ctx.values, "type") ?? typeFromName(name);
    const namespace = stringOption(ctx.values, "namespace") ?? "pyvider";
    const link = stringOption(ctx.values, "link");
    const files = scaffold({ dir, type, namespace, ...(link ? { linkRepo: resolve(ctx.cwd, link) } : {}) });
    const { out } = ctx;
    for (const f of files) out.line(`  ${out.style("green", "create")} ${f}`);
    out.success(`provider ${out.style("bold", `${namespace}/${type}`)} in ${dir}`);
    if (link && !checkoutBuilt(resolve(ctx.cwd, link))) {
      out.warn(
        `${resolve(ctx.cwd, link)} is not built: file: and link: install its packages' directories as they are, so build it first`,
      );
    }
    out.line();
    out.line("Next:");
    if (link)
      out.line(`  (cd ${link} && node scripts/bootstrap.mjs && npm run build)   # the checkout's dist/`);
    out.line(`  cd ${name}`);
    out.line(link ? "  npm install                 # or pnpm install" : "  npm install");
    out.line("  npm test");
    out.line("  npx pyvider build && npx pyvider install");
    out.line("  export TF_CLI_CONFIG_FILE=$PWD/.pyvider/dev.tfrc");
    out.line("  cd examples/quickstart && tofu plan   # or terraform plan");
    out.result({ dir, type, namespace, files });
    return 0;
  },
};
