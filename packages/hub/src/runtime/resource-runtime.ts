/**
 * Invocation helpers of one resource type, for the protocol layer: each takes plain JS values
 * (state, config, plan as the schema's native values; private state as bytes) and returns the
 * handler's result with diagnostics, serialised per instance. Never throws.
 *
 * @module
 */
import type { CtyPath } from "@pyvider/cty";
import type { AnyResourceDefinition } from "../components/resource.js";
import { instanceKey } from "../concurrency.js";
import { type BaseContextParts, type ClientCapabilities, type JsonObject, makeContext } from "../context.js";
import { deferrableFields } from "../deferral.js";
import { PyviderError, ResourceNotFoundError } from "../errors.js";
import { type PathInput, toPath } from "../path.js";
import { PrivateStore, type ReadonlyPrivateState } from "../private-state.js";
import type { CallOptions, InvocationOutcome, Invoker, OperationLabel } from "./invoker.js";
import { expectObject, generateConfigFromState, parseRawJson } from "./raw-state.js";
import { copyPlain, IdentityBox, type LooseResourceHandlers } from "./resource-support.js";

/** A plain object value (a config, plan or state as the schema's native value). */
export type PlainObject = Record<string, unknown>;

/** Instance data that travels with every operation. */
export interface InstanceData {
  /** Private state bytes from Terraform. */
  readonly private?: Uint8Array | null;
  /** The resource identity (native value), if the resource has one and Terraform sent it. */
  readonly identity?: unknown;
}

/** What an operation returns alongside its value: new private state and identity. */
export interface InstanceResult {
  /** The private state to store (empty bytes when none). */
  readonly private: Uint8Array;
  /** The identity to store, if any. */
  readonly identity: unknown;
}

/** Result of the plan hook. */
export interface PlanResult extends InstanceResult {
  /** The planned state (the proposal, or the hook's modification); null for destroy. */
  readonly planned: PlainObject | null;
  /** Attribute paths whose change requires replacement. */
  readonly requiresReplace: readonly CtyPath[];
}

/** Result of create, read, update, import and move. */
export interface StateResult extends InstanceResult {
  /** The new state (null from read means the resource is gone). */
  readonly state: PlainObject | null;
}

/** A read-only view of a store (the hook cannot reach its setters through a cast). */
function readonlyView(store: PrivateStore): ReadonlyPrivateState {
  return Object.freeze({
    get: (key: string) => store.get(key),
    has: (key: string) => store.has(key),
    keys: () => store.keys(),
  });
}

function lockKeyOf(typeName: string, identity: unknown, ...values: unknown[]): string | undefined {
  return instanceKey(typeName, { identity, values });
}

/** The invocation helpers of one resource type. */
export class ResourceRuntime {
  /**
   * @param definition the resource
   * @param invoker the provider's invoker
   */
  constructor(
    readonly definition: AnyResourceDefinition,
    private readonly invoker: Invoker,
  ) {}

  /** The resource type name. */
  get typeName(): string {
    return this.definition.name;
  }

  /** The handlers, loosely typed (the definition's own types are the author's). */
  get #handlers(): LooseResourceHandlers {
    return this.definition.handlers as unknown as LooseResourceHandlers;
  }

  #label(operation: string, deferrable?: { clientCapabilities?: ClientCapabilities }): OperationLabel {
    const label = { kind: "resource", typeName: this.definition.name, operation };
    if (deferrable === undefined) return label;
    return { ...label, deferral: { allowed: deferrable.clientCapabilities?.deferralAllowed === true } };
  }

  #ctx(parts: BaseContextParts<unknown>, extra: object) {
    return makeContext(parts, { typeName: this.definition.name, ...extra });
  }

  /** Runs the `validate` handler (no-op without one). */
  validate(req: { readonly config: PlainObject }, options?: CallOptions): Promise<InvocationOutcome<void>> {
    const h = this.#handlers;
    return this.invoker.run(this.#label("validate"), options, async (parts) => {
      await h.validate?.(this.#ctx(parts, { config: req.config }));
    });
  }

  /**
   * Runs the plan hook. Without one, the proposal is the plan. `proposed` is null on destroy,
   * `prior` null on create.
   */
  plan(
    req: {
      readonly config: PlainObject | null;
      readonly prior: PlainObject | null;
      readonly proposed: PlainObject | null;
      /** The private state bytes of an earlier plan of this change (PlanResourceChange's planned_private). */
      readonly plannedPrivate?: Uint8Array | null;
      /** What the client can handle (for `ctx.clientCapabilities` and `ctx.defer`); default: nothing. */
      readonly clientCapabilities?: ClientCapabilities;
    } & InstanceData,
    options?: CallOptions,
  ): Promise<InvocationOutcome<PlanResult>> {
    const h = this.#handlers;
    const key = lockKeyOf(this.typeName, req.identity, req.prior, req.config);
    return this.invoker.run(
      this.#label("plan", req),
      options,
      async (parts) => {
        const priv = PrivateStore.fromBytes(req.private);
        const earlier =
          req.plannedPrivate === undefined || req.plannedPrivate === null || req.plannedPrivate.length === 0
            ? undefined
            : PrivateStore.fromBytes(req.plannedPrivate);
        const identity = new IdentityBox(req.identity);
        const replace: CtyPath[] = [];
        const planned = req.proposed === null ? null : copyPlain(req.proposed);
        if (h.plan !== undefined) {
          const ctx = this.#ctx(parts, {
            config: req.config,
            prior: req.prior,
            proposed: req.proposed,
            planned,
            private: priv,
            plannedPrivate: earlier === undefined ? undefined : readonlyView(earlier),
            requireReplace: (path: PathInput) => replace.push(toPath(path)),
            ...deferrableFields(req.clientCapabilities),
            ...identity.access(),
          });
          await h.plan(ctx);
        }
        return { planned, requiresReplace: replace, private: priv.toBytes(), identity: identity.identity };
      },
      key,
    );
  }

  /** Runs `create`. */
  create(
    req: { readonly config: PlainObject; readonly plan: PlainObject } & InstanceData,
    options?: CallOptions,
  ): Promise<InvocationOutcome<StateResult>> {
    const h = this.#handlers;
    return this.invoker.run(
      this.#label("create"),
      options,
      async (parts) => {
        const priv = PrivateStore.fromBytes(req.private);
        const identity = new IdentityBox(req.identity);
        const ctx = this.#ctx(parts, {
          config: req.config,
          plan: req.plan,
          private: priv,
          ...identity.access(),
        });
        const state = expectObject(await h.create(ctx), `resource ${this.typeName} create`);
        return { state, private: priv.toBytes(), identity: identity.identity };
      },
      lockKeyOf(this.typeName, req.identity, req.plan, req.config),
    );
  }

  /** Runs `read`; a null state (or a thrown `ResourceNotFoundError`) means the resource is gone. */
  read(
    req: { readonly state: PlainObject; readonly clientCapabilities?: ClientCapabilities } & InstanceData,
    options?: CallOptions,
  ): Promise<InvocationOutcome<StateResult>> {
    const h = this.#handlers;
    return this.invoker.run(
      this.#label("read", req),
      options,
      async (parts) => {
        const priv = PrivateStore.fromBytes(req.private);
        const identity = new IdentityBox(req.identity);
        const ctx = this.#ctx(parts, {
          state: req.state,
          private: priv,
          ...deferrableFields(req.clientCapabilities),
          ...identity.access(),
        });
        let state: PlainObject | null;
        try {
          state = expectObject(await h.read(ctx), `resource ${this.typeName} read`, true);
        } catch (e) {
          if (!(e instanceof ResourceNotFoundError)) throw e;
          state = null;
        }
        return { state, private: priv.toBytes(), identity: identity.identity };
      },
      lockKeyOf(this.typeName, req.identity, req.state),
    );
  }

  /** Runs `update` (an error if the resource has no update handler). */
  update(
    req: {
      readonly config: PlainObject;
      readonly plan: PlainObject;
      readonly prior: PlainObject;
    } & InstanceData,
    options?: CallOptions,
  ): Promise<InvocationOutcome<StateResult>> {
    const h = this.#handlers;
    return this.invoker.run(
      this.#label("update"),
      options,
      async (parts) => {
        if (h.update === undefined) {
          throw new PyviderError(`Resource ${this.typeName} cannot be updated in place`, {
            detail: "The resource has no update handler: mark changing attributes as requiring replacement.",
          });
        }
        const priv = PrivateStore.fromBytes(req.private);
        const identity = new IdentityBox(req.identity);
        const ctx = this.#ctx(parts, {
          config: req.config,
          plan: req.plan,
          prior: req.prior,
          private: priv,
          ...identity.access(),
        });
        const state = expectObject(await h.update(ctx), `resource ${this.typeName} update`);
        return { state, private: priv.toBytes(), identity: identity.identity };
      },
      lockKeyOf(this.typeName, req.identity, req.prior),
    );
  }

  /** Runs `delete`. */
  delete(
    req: { readonly prior: PlainObject } & InstanceData,
    options?: CallOptions,
  ): Promise<InvocationOutcome<void>> {
    const h = this.#handlers;
    return this.invoker.run(
      this.#label("delete"),
      options,
      async (parts) => {
        const priv = PrivateStore.fromBytes(req.private);
        const identity = new IdentityBox(req.identity);
        await h.delete(this.#ctx(parts, { prior: req.prior, private: priv, ...identity.access() }));
      },
      lockKeyOf(this.typeName, req.identity, req.prior),
    );
  }

  /** Runs `importState` by ID or by identity (an error if the resource cannot be imported). */
  importState(
    req: ({ readonly id: string } | { readonly identity: unknown }) & {
      /** What the client can handle (for `ctx.clientCapabilities` and `ctx.defer`); default: nothing. */
      readonly clientCapabilities?: ClientCapabilities;
    },
    options?: CallOptions,
  ): Promise<InvocationOutcome<StateResult>> {
    const h = this.#handlers;
    const byId = "id" in req;
    return this.invoker.run(
      this.#label("import", req),
      options,
      async (parts) => {
        if (h.importState === undefined) {
          throw new PyviderError(`Resource ${this.typeName} does not support import`);
        }
        if (!byId && this.definition.identity === undefined) {
          throw new PyviderError(`Resource ${this.typeName} has no identity schema: import it by ID`);
        }
        const priv = new PrivateStore();
        const identity = new IdentityBox(byId ? undefined : req.identity);
        const extra = byId ? { by: "id", id: req.id } : { by: "identity", identityValue: req.identity };
        const state = expectObject(
          await h.importState(
            this.#ctx(parts, {
              ...extra,
              private: priv,
              ...deferrableFields(req.clientCapabilities),
              ...identity.access(),
            }),
          ),
          `resource ${this.typeName} importState`,
        );
        return { state, private: priv.toBytes(), identity: identity.identity };
      },
      byId
        ? instanceKey(this.typeName, { values: [{ id: req.id }] })
        : lockKeyOf(this.typeName, req.identity),
    );
  }

  /**
   * Upgrades stored state to the schema's current version. `raw` is the stored JSON (text or
   * parsed). State already at the current version is returned parsed, as is.
   */
  upgradeState(
    req: { readonly version: number; readonly raw: string | JsonObject },
    options?: CallOptions,
  ): Promise<InvocationOutcome<JsonObject>> {
    const h = this.#handlers;
    const current = this.definition.schema.version;
    return this.invoker.run(this.#label("upgradeState"), options, async (parts) => {
      const raw = parseRawJson(req.raw, "state");
      if (req.version === current) return raw;
      if (req.version > current) {
        throw new PyviderError(`Stored state of ${this.typeName} is newer than this provider`, {
          detail: `The state has schema version ${req.version}; this provider knows up to ${current}. Upgrade the provider.`,
        });
      }
      const upgrader = h.upgradeState?.[req.version];
      if (upgrader === undefined) {
        throw new PyviderError(`Cannot upgrade state of ${this.typeName} from version ${req.version}`, {
          detail: `The resource has no state upgrader for version ${req.version} (current version ${current}).`,
        });
      }
      return expectObject(
        await upgrader.call(h, this.#ctx(parts, { fromVersion: req.version, raw })),
        `resource ${this.typeName} upgrader`,
      ) as JsonObject;
    });
  }

  /** Upgrades a stored identity to the identity schema's current version. */
  upgradeIdentity(
    req: { readonly version: number; readonly raw: string | JsonObject },
    options?: CallOptions,
  ): Promise<InvocationOutcome<JsonObject>> {
    const h = this.#handlers;
    const schema = this.definition.identity;
    return this.invoker.run(this.#label("upgradeIdentity"), options, async (parts) => {
      if (schema === undefined) throw new PyviderError(`Resource ${this.typeName} has no identity schema`);
      const raw = parseRawJson(req.raw, "identity");
      if (req.version === schema.version) return raw;
      const upgrader = req.version < schema.version ? h.upgradeIdentity?.[req.version] : undefined;
      if (upgrader === undefined) {
        throw new PyviderError(`Cannot upgrade identity of ${this.typeName} from version ${req.version}`, {
          detail: `The identity schema is at version ${schema.version} and has no upgrader for version ${req.version}.`,
        });
      }
      return expectObject(
        await upgrader.call(h, this.#ctx(parts, { fromVersion: req.version, raw })),
        `resource ${this.typeName} upgrader`,
      ) as JsonObject;
    });
  }

  /** Moves state from another resource type: the first mover that returns a state wins. */
  moveState(
    req: {
      readonly sourceProviderAddress: string;
      readonly sourceTypeName: string;
      readonly sourceSchemaVersion: number;
      readonly sourceState: string | JsonObject;
      readonly sourceIdentity?: string | JsonObject;
      readonly sourcePrivate?: Uint8Array;
    },
    options?: CallOptions,
  ): Promise<InvocationOutcome<StateResult>> {
    const h = this.#handlers;
    return this.invoker.run(this.#label("moveState"), options, async (parts) => {
      const sourceState = parseRawJson(req.sourceState, "state");
      const sourceIdentity =
        req.sourceIdentity === undefined ? undefined : parseRawJson(req.sourceIdentity, "identity");
      for (const mover of h.moveState ?? []) {
        if (mover.sourceTypeName !== undefined && mover.sourceTypeName !== req.sourceTypeName) continue;
        if (mover.sourceSchemaVersion !== undefined && mover.sourceSchemaVersion !== req.sourceSchemaVersion)
          continue;
        const priv = new PrivateStore();
        const identity = new IdentityBox(undefined);
        const ctx = this.#ctx(parts, {
          sourceProviderAddress: req.sourceProviderAddress,
          sourceTypeName: req.sourceTypeName,
          sourceSchemaVersion: req.sourceSchemaVersion,
          sourceState,
          sourceIdentity,
          sourcePrivate: req.sourcePrivate,
          private: priv,
          ...identity.access(),
        });
        const state = expectObject(await mover.move(ctx), `resource ${this.typeName} state mover`, true);
        if (state !== null && state !== undefined)
          return { state, private: priv.toBytes(), identity: identity.identity };
        if (parts.diagnostics.hasErrors)
          return { state: null, private: new Uint8Array(0), identity: undefined };
      }
      throw new PyviderError(`Cannot move ${req.sourceTypeName} to ${this.typeName}`, {
        detail: `No state mover of ${this.typeName} accepts resource type ${req.sourceTypeName} (schema version ${req.sourceSchemaVersion}) from ${req.sourceProviderAddress}.`,
      });
    });
  }

  /** Generates configuration for an imported resource (default: its configurable, non-null attributes). */
  generateConfig(
    req: { readonly state: PlainObject },
    options?: CallOptions,
  ): Promise<InvocationOutcome<PlainObject>> {
    const h = this.#handlers;
    return this.invoker.run(this.#label("generateConfig"), options, async (parts) => {
      if (h.generateConfig !== undefined) {
        return expectObject(
          await h.generateConfig(this.#ctx(parts, { state: req.state })),
          `resource ${this.typeName} generateConfig`,
        ) as PlainObject;
      }
      return generateConfigFromState(this.definition.schema, req.state);
    });
  }
}
