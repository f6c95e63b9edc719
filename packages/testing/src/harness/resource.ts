/**
 * The in-process harness of one resource type: validate, plan, apply (create, update, replace,
 * delete), read, import and upgrade, with plain typed values in and out and Terraform's rules
 * applied around the handlers (schema validation, defaults, plan modifiers, the plan hook, the
 * checks of apply results).
 *
 * @module
 */
import { type CtyPath, type CtyValue, nullVal } from "@pyvider/cty";
import type { IdentityOf, JsonObject } from "@pyvider/hub";
import type { ResourceRuntime } from "@pyvider/hub/internal";
import {
  applyDefaults,
  type Diagnostic,
  type InferConfig,
  type InferPlan,
  type InferState,
  runPlanModifiers,
  type Schema,
  validateConfig,
} from "@pyvider/schema";
import {
  actionOf,
  checkApplied,
  checkPlanned,
  markUnknownIfChanging,
  type PlannedAction,
  proposedNewState,
} from "./plan-rules.js";
import { type HarnessOutcome, isError } from "./result.js";
import { type ConfigInput, toCty, toPlain } from "./values.js";

/** Private state and identity that travel with an instance. */
export interface InstanceExtras<I> {
  /** Private state bytes (from a previous result). */
  readonly private?: Uint8Array;
  /** The identity (from a previous result). */
  readonly identity?: IdentityOf<I>;
}

/** The result of {@link ResourceHarness.plan}. */
export interface PlanOutcome<S, I> extends HarnessOutcome {
  /** What would happen. */
  readonly action: PlannedAction;
  /** The planned state (null for delete or on error). Unknown values are the `Unknown` marker. */
  readonly planned: InferPlan<S> | null;
  /** Paths the provider said require replacement (as Terraform receives them). */
  readonly requiresReplace: readonly CtyPath[];
  /** Private state planned with the change. */
  readonly private: Uint8Array;
  /** Identity planned with the change. */
  readonly identity: IdentityOf<I> | undefined;
}

/** The result of apply, read and import. */
export interface StateOutcome<S, I> extends HarnessOutcome {
  /** The new state (null when deleted or gone, or on error). */
  readonly state: InferState<S> | null;
  /** The new private state. */
  readonly private: Uint8Array;
  /** The new identity. */
  readonly identity: IdentityOf<I> | undefined;
}

/** The result of {@link ResourceHarness.apply}: the plan it applied and the new state. */
export interface ApplyOutcome<S, I> extends StateOutcome<S, I> {
  /** The action applied. */
  readonly action: PlannedAction;
}

const EMPTY = new Uint8Array(0);

function fail<S, I>(diagnostics: readonly Diagnostic[]): StateOutcome<S, I> {
  return { ok: false, diagnostics, state: null, private: EMPTY, identity: undefined };
}

/** Harness of one resource type. Get one from `harness.resource(definition)`. */
export class ResourceHarness<S extends Schema, I = undefined> {
  /** @param runtime the hub runtime of the resource */
  constructor(readonly runtime: ResourceRuntime) {}

  get #schema(): Schema {
    return this.runtime.definition.schema as Schema;
  }

  /** The resource type name. */
  get typeName(): string {
    return this.runtime.typeName;
  }

  /** Validates a configuration: the schema's rules (types, required, validators) and the `validate` handler. */
  async validate(config: ConfigInput<InferConfig<S>>): Promise<HarnessOutcome> {
    const diagnostics = await this.#validate(config);
    return { ok: !diagnostics.some(isError), diagnostics };
  }

  async #validate(config: unknown): Promise<Diagnostic[]> {
    const c = toCty(config, this.#schema, "configuration");
    if (!c.ok) return [c.diagnostic];
    const out = await validateConfig(this.#schema, c.value);
    if (out.some(isError)) return out;
    const r = await this.runtime.validate({ config: toPlain(c.value) });
    return [...out, ...r.diagnostics];
  }

  /**
   * Plans a change: `config` null means destroy, `prior` null (or absent) means create. Runs
   * validation, the proposed new state, unknown computed values, defaults, plan modifiers and
   * the plan hook. A replacement is planned like a create.
   */
  async plan(
    req: {
      readonly config: ConfigInput<InferConfig<S>> | null;
      readonly prior?: InferState<S> | null;
    } & InstanceExtras<I>,
  ): Promise<PlanOutcome<S, I>> {
    const r = await this.#plan(req.config, req.prior ?? null, req);
    return {
      ok: r.ok,
      diagnostics: r.diagnostics,
      action: r.action,
      planned: r.planned === null ? null : toPlain<InferPlan<S>>(r.planned),
      requiresReplace: r.requiresReplace,
      private: r.private,
      identity: r.identity as IdentityOf<I> | undefined,
    };
  }

  async #plan(config: unknown, prior: unknown, extras: InstanceExtras<I>) {
    const schema = this.#schema;
    const bad = (diagnostics: readonly Diagnostic[]) => ({
      ok: false,
      diagnostics,
      action: "no-op" as PlannedAction,
      planned: null as CtyValue | null,
      config: null as CtyValue | null,
      prior: null as CtyValue | null,
      requiresReplace: [] as CtyPath[],
      private: EMPTY,
      identity: undefined as unknown,
    });
    let priorV: CtyValue | null = null;
    if (prior !== null) {
      const p = toCty(prior, schema, "prior state");
      if (!p.ok) return bad([p.diagnostic]);
      priorV = p.value;
    }
    if (config === null) {
      if (priorV === null) return { ...bad([]), ok: true };
      const hook = await this.runtime.plan({
        config: null,
        prior: toPlain(priorV),
        proposed: null,
        ...extras,
      });
      return {
        ...bad(hook.diagnostics),
        ok: hook.ok,
        action: "delete" as PlannedAction,
        prior: priorV,
        private: hook.value?.private ?? EMPTY,
      };
    }
    const diagnostics = await this.#validate(config);
    if (diagnostics.some(isError)) return bad(diagnostics);
    const configV = (toCty(config, schema, "configuration") as { value: CtyValue }).value;
    const once = async (base: CtyValue | null) => {
      let planned = markUnknownIfChanging(schema, configV, proposedNewState(schema, configV, base), base);
      const defaults = applyDefaults(schema, configV, planned);
      planned = defaults.value;
      const mods = await runPlanModifiers(schema, {
        config: configV,
        plan: planned,
        priorState: base ?? nullVal(configV.type),
      });
      const diags = [...defaults.diagnostics, ...mods.diagnostics];
      if (diags.some(isError)) return { diags, planned: null, replace: [] as CtyPath[], hook: undefined };
      const hook = await this.runtime.plan({
        config: toPlain(configV),
        prior: base === null ? null : toPlain(base),
        proposed: toPlain(mods.plan),
        ...(base === null ? {} : extras),
      });
      diags.push(...hook.diagnostics);
      if (!hook.ok || hook.value === undefined)
        return { diags, planned: null, replace: [] as CtyPath[], hook };
      const back = toCty(hook.value.planned, schema, "planned state");
      if (!back.ok)
        return { diags: [...diags, back.diagnostic], planned: null, replace: [] as CtyPath[], hook };
      diags.push(...checkPlanned(schema, this.typeName, configV, back.value));
      return {
        diags,
        planned: back.value,
        replace: [...mods.requiresReplace, ...hook.value.requiresReplace],
        hook,
      };
    };
    let step = await once(priorV);
    diagnostics.push(...step.diags);
    if (step.planned === null || diagnostics.some(isError)) return bad(diagnostics);
    const action = actionOf(priorV, step.planned, step.replace);
    const requiresReplace = step.replace;
    if (action === "replace") {
      step = await once(null);
      diagnostics.push(...step.diags);
      if (step.planned === null || diagnostics.some(isError)) return bad(diagnostics);
    }
    return {
      ok: true,
      diagnostics,
      action,
      planned: step.planned,
      config: configV,
      prior: priorV,
      requiresReplace,
      private: step.hook?.value?.private ?? EMPTY,
      identity: step.hook?.value?.identity,
    };
  }

  /**
   * Plans and applies a change, as `terraform apply` does for one instance: create (no prior),
   * update, replace (delete, then create), delete (`config` null) or nothing. The result is
   * checked against the plan like Terraform checks it.
   */
  async apply(
    req: {
      readonly config: ConfigInput<InferConfig<S>> | null;
      readonly prior?: InferState<S> | null;
    } & InstanceExtras<I>,
  ): Promise<ApplyOutcome<S, I>> {
    const plan = await this.#plan(req.config, req.prior ?? null, req);
    if (!plan.ok) return { ...fail<S, I>(plan.diagnostics), action: plan.action };
    const diagnostics = [...plan.diagnostics];
    const done = (r: StateOutcome<S, I>): ApplyOutcome<S, I> => ({
      ...r,
      diagnostics: [...diagnostics, ...r.diagnostics],
      ok: r.ok,
      action: plan.action,
    });
    const extras = { private: req.private ?? null, identity: req.identity };
    switch (plan.action) {
      case "no-op":
        return done({
          ok: true,
          diagnostics: [],
          state: (req.prior ?? null) as InferState<S> | null,
          private: req.private ?? EMPTY,
          identity: req.identity,
        });
      case "delete":
      case "replace": {
        const del = await this.runtime.delete({ prior: toPlain(plan.prior!), ...extras });
        if (!del.ok || plan.action === "delete") {
          return done({
            ok: del.ok,
            diagnostics: del.diagnostics,
            state: del.ok ? null : (req.prior ?? null),
            private: EMPTY,
            identity: undefined,
          });
        }
        diagnostics.push(...del.diagnostics);
        break;
      }
    }
    const planned = plan.planned!;
    const common = {
      config: toPlain(plan.config!),
      plan: toPlain(planned),
      private: plan.private,
      identity: plan.identity,
    };
    const out =
      plan.action === "update"
        ? await this.runtime.update({ ...common, prior: toPlain(plan.prior!) })
        : await this.runtime.create(common);
    if (!out.ok || out.value === undefined) return done(fail(out.diagnostics));
    return done(this.#state(out.value, out.diagnostics, "new state", planned));
  }

  #state(
    value: { readonly state: unknown; readonly private: Uint8Array; readonly identity: unknown },
    diagnostics: readonly Diagnostic[],
    what: string,
    planned?: CtyValue,
  ): StateOutcome<S, I> {
    if (value.state === null || value.state === undefined) {
      return {
        ok: true,
        diagnostics,
        state: null,
        private: value.private,
        identity: value.identity as IdentityOf<I>,
      };
    }
    const c = toCty(value.state, this.#schema, what);
    if (!c.ok) return fail([...diagnostics, c.diagnostic]);
    const checks = planned === undefined ? [] : checkApplied(this.#schema, this.typeName, planned, c.value);
    const all = [...diagnostics, ...checks];
    return {
      ok: !all.some(isError),
      diagnostics: all,
      state: toPlain<InferState<S>>(c.value),
      private: value.private,
      identity: value.identity as IdentityOf<I> | undefined,
    };
  }

  /** Creates a resource from a configuration (plan, then apply). */
  create(config: ConfigInput<InferConfig<S>>): Promise<ApplyOutcome<S, I>> {
    return this.apply({ config });
  }

  /** Destroys a resource. */
  destroy(prior: InferState<S>, extras: InstanceExtras<I> = {}): Promise<ApplyOutcome<S, I>> {
    return this.apply({ config: null, prior, ...extras });
  }

  /** Reads (refreshes) a resource; a null state means it is gone. */
  async read(state: InferState<S>, extras: InstanceExtras<I> = {}): Promise<StateOutcome<S, I>> {
    const c = toCty(state, this.#schema, "state");
    if (!c.ok) return fail([c.diagnostic]);
    const out = await this.runtime.read({
      state: toPlain(c.value),
      private: extras.private ?? null,
      identity: extras.identity,
    });
    if (!out.ok || out.value === undefined) return fail(out.diagnostics);
    return this.#state(out.value, out.diagnostics, "read state");
  }

  /**
   * Imports by ID or by identity, then reads the result, as Terraform does. The imported state
   * may be partial; attributes the handler left out are null.
   */
  async importState(
    req: { readonly id: string } | { readonly identity: IdentityOf<I> },
  ): Promise<StateOutcome<S, I>> {
    const imported = await this.runtime.importState(req);
    if (!imported.ok || imported.value === undefined) return fail(imported.diagnostics);
    const first = this.#state(imported.value, imported.diagnostics, "imported state");
    if (!first.ok || first.state === null) return first;
    const read = await this.read(first.state, { private: first.private, identity: first.identity });
    return { ...read, diagnostics: [...first.diagnostics, ...read.diagnostics] };
  }

  /** Upgrades raw stored state of schema `version` to the current schema, and checks it fits. */
  async upgradeState(version: number, raw: JsonObject | string): Promise<StateOutcome<S, I>> {
    const out = await this.runtime.upgradeState({ version, raw });
    if (!out.ok || out.value === undefined) return fail(out.diagnostics);
    return this.#state(
      { state: out.value, private: EMPTY, identity: undefined },
      out.diagnostics,
      "upgraded state",
    );
  }

  /**
   * Moves state from another resource type (`moved { from = other_type.x }`): the first mover
   * that accepts the source wins.
   */
  async moveState(req: {
    readonly sourceTypeName: string;
    readonly sourceState: JsonObject | string;
    readonly sourceSchemaVersion?: number;
    readonly sourceProviderAddress?: string;
    readonly sourceIdentity?: JsonObject | string;
  }): Promise<StateOutcome<S, I>> {
    const out = await this.runtime.moveState({
      sourceProviderAddress: req.sourceProviderAddress ?? "registry.terraform.io/pyvider/unknown",
      sourceTypeName: req.sourceTypeName,
      sourceSchemaVersion: req.sourceSchemaVersion ?? 0,
      sourceState: req.sourceState,
      ...(req.sourceIdentity === undefined ? {} : { sourceIdentity: req.sourceIdentity }),
    });
    if (!out.ok || out.value === undefined) return fail(out.diagnostics);
    return this.#state(out.value, out.diagnostics, "moved state");
  }

  /** Upgrades a raw stored identity of `version` to the current identity schema. */
  async upgradeIdentity(
    version: number,
    raw: JsonObject | string,
  ): Promise<HarnessOutcome & { readonly identity: IdentityOf<I> | undefined }> {
    const out = await this.runtime.upgradeIdentity({ version, raw });
    return { ok: out.ok, diagnostics: out.diagnostics, identity: out.value as IdentityOf<I> | undefined };
  }
}
