/**
 * The streaming RPCs of list resources and actions: ListResource streams one event per listed
 * object (identity, display name, and the object when asked for), PlanAction, and InvokeAction
 * streams the action's progress messages as they happen, then a completion event.
 *
 * @module
 */
import type { CtyValue } from "@pyvider/cty";
import type { ListItem } from "@pyvider/hub/internal";
import type { Diagnostic } from "@pyvider/schema";
import {
  Deferred_Reason,
  type InvokeAction_Event,
  type InvokeAction_Request,
  type ListResource_Event,
  type ListResource_Request,
  type PlanAction_Request,
  type PlanAction_Response,
} from "../gen/tfplugin6.js";
import type { CallContext } from "../server/handlers.js";
import { requireKnown } from "./consistency.js";
import { guard, type Semantics } from "./context.js";
import { toWireDiagnostics } from "./diagnostics.js";
import { decodeDynamic, encodeDynamic, RequestError } from "./dynamic.js";
import { fromPlain, toPlainObject } from "./values.js";

/** A push-to-pull queue: a producer pushes, the gRPC writer pulls (with back-pressure on `push`). */
class Channel<T> {
  readonly #items: T[] = [];
  #wake: (() => void) | undefined;
  #closed = false;

  push(item: T): void {
    this.#items.push(item);
    this.#wake?.();
  }

  close(): void {
    this.#closed = true;
    this.#wake?.();
  }

  async *drain(): AsyncGenerator<T> {
    for (;;) {
      while (this.#items.length > 0) yield this.#items.shift()!;
      if (this.#closed) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = undefined;
    }
  }
}

function errorEvent(diags: readonly Diagnostic[]): ListResource_Event {
  return { identity: undefined, displayName: "", diagnostic: toWireDiagnostics(diags) };
}

/** ListResource. */
export function listResource(s: Semantics) {
  return async function* (
    req: ListResource_Request,
    context: CallContext,
  ): AsyncGenerator<ListResource_Event> {
    const l = s.provider.listResource(req.typeName);
    if (l === undefined) {
      yield errorEvent([
        {
          severity: "error",
          summary: "Unknown list resource type",
          detail: `The provider ${s.provider.name} has no list resource named "${req.typeName}".`,
        },
      ]);
      return;
    }
    const resource = l.definition.resource;
    const where = `list resource ${req.typeName}`;
    let config: CtyValue;
    try {
      config = decodeDynamic(req.config, s.typeOf(l.definition.schema), "configuration");
    } catch (e) {
      yield errorEvent(
        e instanceof RequestError ? e.diagnostics : [{ severity: "error", summary: String(e) }],
      );
      return;
    }
    const channel = new Channel<ListResource_Event>();
    const convert = (item: ListItem): ListResource_Event => {
      const identityType = resource.identity === undefined ? undefined : s.typeOf(resource.identity);
      if (identityType === undefined)
        throw new RequestError([
          {
            severity: "error",
            summary: `Resource ${resource.name} has no identity schema`,
            detail: "List resources need the listed resource to have an identity.",
          },
        ]);
      const identity = fromPlain(item.identity, identityType, `${where} (identity)`);
      const event: ListResource_Event = {
        identity: { identityData: encodeDynamic(identity, identityType) },
        displayName: item.displayName ?? "",
        diagnostic: [],
      };
      if (req.includeResourceObject && item.resource !== undefined) {
        const type = s.typeOf(resource.schema);
        const obj = requireKnown(fromPlain(item.resource, type, `${where} (resource object)`), where);
        event.resourceObject = encodeDynamic(obj, type);
      }
      return event;
    };
    const done = l
      .list(
        { config: toPlainObject(config) ?? {}, includeResource: req.includeResourceObject, limit: req.limit },
        (item) => {
          channel.push(convert(item));
        },
        s.callOptions(context),
      )
      .then(
        (outcome) => {
          if (outcome.diagnostics.length > 0) channel.push(errorEvent(outcome.diagnostics));
        },
        (e: unknown) => channel.push(errorEvent([{ severity: "error", summary: String(e) }])),
      )
      .finally(() => channel.close());
    yield* channel.drain();
    await done;
  };
}

/** PlanAction. */
export function planAction(s: Semantics) {
  return (req: PlanAction_Request, context: CallContext): Promise<PlanAction_Response> =>
    guard<PlanAction_Response>(
      () => ({ diagnostics: [], deferred: undefined }),
      async () => {
        const a = s.need(s.provider.action(req.actionType), "action", req.actionType);
        const config = decodeDynamic(req.config, s.typeOf(a.definition.schema), "configuration");
        if (s.providerDeferred && req.clientCapabilities?.deferralAllowed === true) {
          return { diagnostics: [], deferred: { reason: Deferred_Reason.PROVIDER_CONFIG_UNKNOWN } };
        }
        const outcome = await a.plan({ config: toPlainObject(config) ?? {} }, s.callOptions(context));
        return { diagnostics: toWireDiagnostics(outcome.diagnostics), deferred: undefined };
      },
    );
}

function completed(diags: readonly Diagnostic[]): InvokeAction_Event {
  return { type: { $case: "completed", value: { diagnostics: toWireDiagnostics(diags) } } };
}

/** InvokeAction: progress events as the action reports them, then the completion event. */
export function invokeAction(s: Semantics) {
  return async function* (
    req: InvokeAction_Request,
    context: CallContext,
  ): AsyncGenerator<InvokeAction_Event> {
    const a = s.provider.action(req.actionType);
    if (a === undefined) {
      yield completed([
        {
          severity: "error",
          summary: "Unknown action type",
          detail: `The provider ${s.provider.name} has no action named "${req.actionType}".`,
        },
      ]);
      return;
    }
    let config: CtyValue;
    try {
      config = decodeDynamic(req.config, s.typeOf(a.definition.schema), "configuration");
    } catch (e) {
      yield completed(
        e instanceof RequestError ? e.diagnostics : [{ severity: "error", summary: String(e) }],
      );
      return;
    }
    const channel = new Channel<InvokeAction_Event>();
    const done = a
      .invoke(
        { config: toPlainObject(config) ?? {} },
        (message) => channel.push({ type: { $case: "progress", value: { message } } }),
        s.callOptions(context),
      )
      .then(
        (outcome) => channel.push(completed(outcome.diagnostics)),
        (e: unknown) => channel.push(completed([{ severity: "error", summary: String(e) }])),
      )
      .finally(() => channel.close());
    yield* channel.drain();
    await done;
  };
}
