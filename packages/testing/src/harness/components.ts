/**
 * In-process harnesses of the components other than resources: data sources, functions,
 * ephemeral resources, list resources and actions. Each validates its configuration against the
 * schema before calling the handler, like the protocol layer does.
 *
 * @module
 */
import type {
  ActionRuntime,
  DataSourceRuntime,
  EphemeralRuntime,
  FunctionFailure,
  FunctionRuntime,
  ListItem,
  ListRuntime,
} from "@pyvider/hub/internal";
import {
  type Diagnostic,
  type InferConfig,
  type InferState,
  type Schema,
  validateConfig,
} from "@pyvider/schema";
import { type HarnessOutcome, isError } from "./result.js";
import { type ConfigInput, toCty, toPlain } from "./values.js";

/** Converts and validates a configuration; returns its plain value or the diagnostics. */
async function checkedConfig(
  schema: Schema,
  config: unknown,
  validate: (config: Record<string, unknown>) => Promise<{ readonly diagnostics: readonly Diagnostic[] }>,
): Promise<{ config: Record<string, unknown> | undefined; diagnostics: Diagnostic[] }> {
  const c = toCty(config, schema, "configuration");
  if (!c.ok) return { config: undefined, diagnostics: [c.diagnostic] };
  const diagnostics = await validateConfig(schema, c.value);
  if (diagnostics.some(isError)) return { config: undefined, diagnostics };
  const plain = toPlain(c.value);
  const v = await validate(plain);
  diagnostics.push(...v.diagnostics);
  return { config: diagnostics.some(isError) ? undefined : plain, diagnostics };
}

/** Harness of one data source. */
export class DataSourceHarness<S extends Schema> {
  /** @param runtime the hub runtime */
  constructor(readonly runtime: DataSourceRuntime) {}

  /** Validates, then reads; the state is checked against the schema. */
  async read(
    config: ConfigInput<InferConfig<S>>,
  ): Promise<HarnessOutcome & { readonly state: InferState<S> | null }> {
    const schema = this.runtime.definition.schema as Schema;
    const c = await checkedConfig(schema, config, (cfg) => this.runtime.validate({ config: cfg }));
    if (c.config === undefined) return { ok: false, diagnostics: c.diagnostics, state: null };
    const out = await this.runtime.read({ config: c.config });
    const diagnostics = [...c.diagnostics, ...out.diagnostics];
    if (!out.ok) return { ok: false, diagnostics, state: null };
    const back = toCty(out.value, schema, "data source state");
    if (!back.ok) return { ok: false, diagnostics: [...diagnostics, back.diagnostic], state: null };
    return { ok: true, diagnostics, state: toPlain<InferState<S>>(back.value) };
  }
}

/** The result of a function call. */
export interface FunctionOutcome<R> {
  /** True when the call succeeded. */
  readonly ok: boolean;
  /** The result (undefined on failure). */
  readonly value: R | undefined;
  /** The failure: message and argument index, as Terraform shows it. */
  readonly error: FunctionFailure | undefined;
}

/** Harness of one provider function. */
export class FunctionHarness<R = unknown> {
  /** @param runtime the hub runtime */
  constructor(readonly runtime: FunctionRuntime) {}

  /** Calls the function with plain argument values (checked against the signature first). */
  async call(...args: unknown[]): Promise<FunctionOutcome<R>> {
    const r = await this.runtime.call(args);
    return { ok: r.error === undefined, value: r.value as R | undefined, error: r.error };
  }
}

/** Harness of one ephemeral resource. */
export class EphemeralHarness<S extends Schema> {
  /** @param runtime the hub runtime */
  constructor(readonly runtime: EphemeralRuntime) {}

  /** Validates and opens; returns the value, private data for renew/close and the renewal time. */
  async open(config: ConfigInput<InferConfig<S>>): Promise<
    HarnessOutcome & {
      readonly result: InferState<S> | null;
      readonly private: Uint8Array;
      readonly renewAt: Date | undefined;
    }
  > {
    const schema = this.runtime.definition.schema as Schema;
    const c = await checkedConfig(schema, config, (cfg) => this.runtime.validate({ config: cfg }));
    const none = { result: null, private: new Uint8Array(0), renewAt: undefined };
    if (c.config === undefined) return { ok: false, diagnostics: c.diagnostics, ...none };
    const out = await this.runtime.open({ config: c.config });
    const diagnostics = [...c.diagnostics, ...out.diagnostics];
    if (!out.ok || out.value === undefined) return { ok: false, diagnostics, ...none };
    const back = toCty(out.value.result, schema, "ephemeral result");
    if (!back.ok) return { ok: false, diagnostics: [...diagnostics, back.diagnostic], ...none };
    return {
      ok: true,
      diagnostics,
      result: toPlain<InferState<S>>(back.value),
      private: out.value.private,
      renewAt: out.value.renewAt,
    };
  }

  /** Renews with the private data of `open` (or of the previous renew). */
  async renew(
    priv: Uint8Array,
  ): Promise<HarnessOutcome & { readonly private: Uint8Array; readonly renewAt: Date | undefined }> {
    const out = await this.runtime.renew({ private: priv });
    return {
      ok: out.ok,
      diagnostics: out.diagnostics,
      private: out.value?.private ?? priv,
      renewAt: out.value?.renewAt,
    };
  }

  /** Closes with the private data of `open` or `renew`. */
  async close(priv: Uint8Array): Promise<HarnessOutcome> {
    const out = await this.runtime.close({ private: priv });
    return { ok: out.ok, diagnostics: out.diagnostics };
  }
}

/** Harness of one list resource. */
export class ListHarness<S extends Schema> {
  /** @param runtime the hub runtime */
  constructor(readonly runtime: ListRuntime) {}

  /** Validates, then collects the listed items (at most `limit`). */
  async list(
    config: ConfigInput<InferConfig<S>>,
    options: { readonly limit?: number; readonly includeResource?: boolean } = {},
  ): Promise<HarnessOutcome & { readonly items: readonly ListItem[] }> {
    const schema = this.runtime.definition.schema as Schema;
    const c = await checkedConfig(schema, config, (cfg) => this.runtime.validate({ config: cfg }));
    if (c.config === undefined) return { ok: false, diagnostics: c.diagnostics, items: [] };
    const items: ListItem[] = [];
    const out = await this.runtime.list(
      {
        config: c.config,
        includeResource: options.includeResource ?? true,
        ...(options.limit === undefined ? {} : { limit: options.limit }),
      },
      (item) => {
        items.push(item);
      },
    );
    return { ok: out.ok, diagnostics: [...c.diagnostics, ...out.diagnostics], items };
  }
}

/** Harness of one action. */
export class ActionHarness<S extends Schema> {
  /** @param runtime the hub runtime */
  constructor(readonly runtime: ActionRuntime) {}

  /** Validates, runs the plan hook, then invokes; collects the progress messages. */
  async invoke(
    config: ConfigInput<InferConfig<S>>,
  ): Promise<HarnessOutcome & { readonly progress: readonly string[] }> {
    const schema = this.runtime.definition.schema as Schema;
    const c = await checkedConfig(schema, config, (cfg) => this.runtime.validate({ config: cfg }));
    if (c.config === undefined) return { ok: false, diagnostics: c.diagnostics, progress: [] };
    const plan = await this.runtime.plan({ config: c.config });
    const diagnostics = [...c.diagnostics, ...plan.diagnostics];
    if (!plan.ok) return { ok: false, diagnostics, progress: [] };
    const progress: string[] = [];
    const out = await this.runtime.invoke({ config: c.config }, (m) => progress.push(m));
    return { ok: out.ok, diagnostics: [...diagnostics, ...out.diagnostics], progress };
  }
}
