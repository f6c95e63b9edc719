/**
 * The state store RPCs: ConfigureStateStore (chunk size negotiation), GetStates, DeleteState,
 * LockState, UnlockState, ReadStateBytes (a server stream of chunks of exactly the agreed size,
 * the last one shorter; ranges are inclusive as Terraform sends them) and WriteStateBytes (a
 * client stream). A write is committed only once the whole stream arrived and its length matches
 * the announced total: a truncated, out-of-order or failed stream never replaces good state.
 *
 * @module
 */
import type { StateStoreRuntime } from "@pyvider/hub/internal";
import type { Diagnostic } from "@pyvider/schema";
import type {
  ConfigureStateStore_Request,
  ConfigureStateStore_Response,
  DeleteState_Request,
  GetStates_Request,
  LockState_Request,
  ReadStateBytes_Request,
  ReadStateBytes_Response,
  UnlockState_Request,
  WriteStateBytes_RequestChunk,
  WriteStateBytes_Response,
} from "../gen/tfplugin6.js";
import type { CallContext } from "../server/handlers.js";
import { guard, type Semantics, stopOnError } from "./context.js";
import { errorAt, toWireDiagnostics } from "./diagnostics.js";
import { decodeDynamic, RequestError } from "./dynamic.js";
import { toPlainObject } from "./values.js";

/** The chunk size used when Terraform suggests none: 8 MiB. */
export const DEFAULT_STATE_CHUNK_SIZE = 8 << 20;

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The state store handlers. */
export class StateStoreRpcs {
  readonly #chunkSizes = new Map<string, number>();

  /** @param s shared state */
  constructor(private readonly s: Semantics) {}

  #store(typeName: string): StateStoreRuntime {
    return this.s.need(this.s.provider.stateStore(typeName), "state store", typeName);
  }

  /** The agreed chunk size of a store type. */
  chunkSize(typeName: string): number {
    return this.#chunkSizes.get(typeName) ?? DEFAULT_STATE_CHUNK_SIZE;
  }

  /** ConfigureStateStore: runs `configure`; the chunk size is Terraform's suggestion (or 8 MiB). */
  configureStateStore = (
    req: ConfigureStateStore_Request,
    context: CallContext,
  ): Promise<ConfigureStateStore_Response> =>
    guard<ConfigureStateStore_Response>(
      () => ({ diagnostics: [], capabilities: undefined }),
      async () => {
        const st = this.#store(req.typeName);
        const config = decodeDynamic(req.config, this.s.typeOf(st.definition.schema), "configuration");
        const outcome = await st.configure(
          { config: toPlainObject(config) ?? {} },
          this.s.callOptions(context),
        );
        const suggested = req.capabilities?.chunkSize ?? 0;
        const chunkSize = suggested > 0 ? suggested : DEFAULT_STATE_CHUNK_SIZE;
        this.#chunkSizes.set(req.typeName, chunkSize);
        return { diagnostics: toWireDiagnostics(outcome.diagnostics), capabilities: { chunkSize } };
      },
    );

  /** GetStates. */
  getStates = (req: GetStates_Request, context: CallContext) =>
    guard(
      () => ({ stateId: [] as string[], diagnostics: [] }),
      async () => {
        const outcome = await this.#store(req.typeName).listStates(this.s.callOptions(context));
        return { stateId: outcome.value ?? [], diagnostics: toWireDiagnostics(outcome.diagnostics) };
      },
    );

  /** DeleteState. */
  deleteState = (req: DeleteState_Request, context: CallContext) =>
    guard(
      () => ({ diagnostics: [] }),
      async () => {
        const outcome = await this.#store(req.typeName).deleteState(
          { stateId: req.stateId },
          this.s.callOptions(context),
        );
        return { diagnostics: toWireDiagnostics(outcome.diagnostics) };
      },
    );

  /** LockState. */
  lockState = (req: LockState_Request, context: CallContext) =>
    guard(
      () => ({ lockId: "", diagnostics: [] }),
      async () => {
        const outcome = await this.#store(req.typeName).lock(
          { stateId: req.stateId, operation: req.operation },
          this.s.callOptions(context),
        );
        return {
          lockId: outcome.ok ? (outcome.value ?? "") : "",
          diagnostics: toWireDiagnostics(outcome.diagnostics),
        };
      },
    );

  /** UnlockState. */
  unlockState = (req: UnlockState_Request, context: CallContext) =>
    guard(
      () => ({ diagnostics: [] }),
      async () => {
        const outcome = await this.#store(req.typeName).unlock(
          { stateId: req.stateId, lockId: req.lockId },
          this.s.callOptions(context),
        );
        return { diagnostics: toWireDiagnostics(outcome.diagnostics) };
      },
    );

  /** ReadStateBytes: the whole state, re-chunked to the agreed size, each chunk with the total and its range. */
  readStateBytes = (
    req: ReadStateBytes_Request,
    context: CallContext,
  ): AsyncGenerator<Partial<ReadStateBytes_Response>> => this.#read(req, context);

  async *#read(
    req: ReadStateBytes_Request,
    context: CallContext,
  ): AsyncGenerator<Partial<ReadStateBytes_Response>> {
    const st = this.s.provider.stateStore(req.typeName);
    if (st === undefined) {
      yield {
        diagnostics: toWireDiagnostics([
          errorAt("Unknown state store type", `The provider has no state store named "${req.typeName}".`),
        ]),
      };
      return;
    }
    const chunks: Uint8Array[] = [];
    const outcome = await st.readState(
      { stateId: req.stateId },
      (c) => void chunks.push(c),
      this.s.callOptions(context),
    );
    if (!outcome.ok) {
      yield { diagnostics: toWireDiagnostics(outcome.diagnostics) };
      return;
    }
    const total = outcome.value ?? 0;
    const data = concat(chunks, total);
    const size = this.chunkSize(req.typeName);
    for (let start = 0; start < total; start += size) {
      const bytes = data.subarray(start, Math.min(start + size, total));
      yield { bytes, totalLength: total, range: { start, end: start + bytes.length - 1 }, diagnostics: [] };
    }
    if (outcome.diagnostics.length > 0) yield { diagnostics: toWireDiagnostics(outcome.diagnostics) };
  }

  /** WriteStateBytes: buffers the stream, checks it, then writes it in one go. */
  writeStateBytes = (
    chunks: AsyncIterable<WriteStateBytes_RequestChunk>,
    context: CallContext,
  ): Promise<WriteStateBytes_Response> =>
    guard<WriteStateBytes_Response>(
      () => ({ diagnostics: [] }),
      async () => {
        const fail = (summary: string, detail: string): never => {
          throw new RequestError([errorAt(summary, `${detail} The stored state was not changed.`)]);
        };
        let typeName: string | undefined;
        let stateId = "";
        let total: number | undefined;
        let received = 0;
        const parts: Uint8Array[] = [];
        for await (const chunk of chunks) {
          if (typeName === undefined) {
            if (chunk.meta === undefined)
              fail("Invalid state write", "The first chunk carries no state store type and state ID.");
            typeName = chunk.meta!.typeName;
            stateId = chunk.meta!.stateId;
            total = chunk.totalLength;
          }
          if (chunk.range !== undefined && chunk.range.start !== received) {
            fail("Invalid state write", `A chunk starts at byte ${chunk.range.start}, expected ${received}.`);
          }
          if (
            chunk.range !== undefined &&
            chunk.bytes.length > 0 &&
            chunk.range.end !== received + chunk.bytes.length - 1
          ) {
            fail(
              "Invalid state write",
              `A chunk of ${chunk.bytes.length} bytes claims the range ${chunk.range.start}-${chunk.range.end}.`,
            );
          }
          parts.push(chunk.bytes);
          received += chunk.bytes.length;
          if (total !== undefined && received > total)
            fail("Invalid state write", `Received more than the announced ${total} bytes.`);
        }
        if (typeName === undefined) fail("Invalid state write", "The stream carried no chunk.");
        if (received !== total)
          fail("Incomplete state write", `Received ${received} of the announced ${total} bytes.`);
        if (context.signal.aborted) fail("State write cancelled", "The write was cancelled.");
        const st = this.#store(typeName!);
        const data = concat(parts, received);
        const stream = (async function* () {
          if (data.length > 0) yield data;
        })();
        const outcome = await st.writeState({ stateId, data: stream }, this.s.callOptions(context));
        const diags: Diagnostic[] = [...outcome.diagnostics];
        stopOnError(diags);
        return { diagnostics: toWireDiagnostics(diags) };
      },
    );
}
