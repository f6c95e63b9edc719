/**
 * Ownership of request buffers. The gRPC server reads a large request into one buffer of its exact
 * size, and the decoded message's `bytes` fields are views of it. Once the request semantics have
 * decoded what they need, they hand the buffer back here and its memory is freed at once, instead
 * of whenever the garbage collector next runs a full collection (which, for a buffer that lived
 * through the request's arrival, is usually after the response has been allocated too: the request
 * then counted twice in the provider's peak memory).
 *
 * Only buffers the server allocated itself are ever freed: a message built in process (a test
 * harness, a caller's own bytes) is never touched.
 * @internal
 */

/**
 * Request messages of at least this many bytes get a buffer the server owns and frees as soon as
 * they are decoded. Smaller ones are left to the garbage collector: freeing one early costs about
 * 70 µs (a message channel on Node 20) and saves little.
 */
export const OWNED_REQUEST_MIN_BYTES = 1 << 20;

/** Buffers allocated by the server for one request each, nothing else referring to them. */
const owned = new WeakSet<ArrayBufferLike>();

/** Marks `buffer` as a request buffer the server allocated and may free once it is decoded. */
export function ownRequestBuffer(buffer: ArrayBufferLike): void {
  owned.add(buffer);
}

/** Whether `buffer` is a request buffer the server owns. */
export function isOwnedRequestBuffer(buffer: ArrayBufferLike): boolean {
  return owned.has(buffer);
}

/**
 * Frees an owned request buffer's memory now and returns true; any view of it reads as empty
 * afterwards. Anything else is left alone (false). Node 21+ detaches it with
 * `ArrayBuffer.prototype.transfer(0)`; Node 20 by transferring it into a message port that is
 * closed at once (the message, and with it the memory, is dropped with the port).
 */
export function freeRequestBuffer(buffer: ArrayBufferLike): boolean {
  if (!owned.has(buffer)) return false;
  owned.delete(buffer);
  const transfer = (buffer as { transfer?: (length: number) => ArrayBuffer }).transfer;
  if (typeof transfer === "function") {
    transfer.call(buffer, 0);
    return true;
  }
  const { port1, port2 } = new MessageChannel();
  try {
    port1.postMessage(null, [buffer as ArrayBuffer]);
  } finally {
    port1.close();
    port2.close();
  }
  return true;
}
