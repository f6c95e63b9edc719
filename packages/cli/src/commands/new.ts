/** `pyvider new <name>`: a new provider project. */
import { resolve } from "node:path";
import type { Command } from "../cli/command.js";
import { stringOption } from "../cli/command.js";
import { UsageError } from "../cli/errors.js";
import { scaffold, typeFromName } from "../scaffold/scaffold.js";

/** The `new` command. */
export const newCommand: Command = {
  name: "new",
  summary: "scaffold a new provider project",
  usage: "new <name> [--type <type>] [--namespace <ns>]",
  description:
    'Creates <name>/ with package.json (the @pyvider packages and a "pyvider" field), a sample resource,\n' +
    "data source and function, protocol-level tests with @pyvider/testing, examples/ for the docs, and a README.\n" +
    "The provider type defaults to the name without its terraform-provider- prefix.",
  options: {
    type: { type: "string", value: "<type>", description: "provider type name (default: from <name>)" },
    namespace: { type: "string", value: "<ns>", description: "registry namespace (default: pyvider)" },
    link: {
      type: "string",
      value: "<pyvider-checkout>",
      description: "depend on a local pyvider checkout's packages (link: paths) instead of npm versions",
    },
  },
  examples: [
    ["pyvider new terraform-provider-files", "a provider of type `files` in ./terraform-provider-files"],
    ["pyvider new my-provider --type acme --namespace acme-corp", "choose the type and namespace"],
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
    out.line();
    out.line("Next:");
    out.line(`  cd ${name}`);
    out.line("  npm install");
    out.line("  npm test");
    out.line("  npx pyvider build && npx pyvider install");
    out.result({ dir, type, namespace, files });
    return 0;
  },
};
