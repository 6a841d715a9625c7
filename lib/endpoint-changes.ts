import { EventEmitter } from "node:events";

/**
 * Tells the engine in this process that an endpoint changed (created, paused, resumed, policy, deleted),
 * so the gateway stops trusting what it cached and the controller reconciles at once rather than at its
 * next tick. On globalThis because the console's bundle and the server load this module separately.
 * `origin` says where the change was made: "here", or "elsewhere" when another Ebb process on the same
 * PostgreSQL made it (relayed by the cluster link, which passes on only the changes made here).
 */
const KEY = Symbol.for("ebb.endpoint-changes");
type WithBus = typeof globalThis & { [KEY]?: EventEmitter };
export type ChangeOrigin = "here" | "elsewhere";

function bus(): EventEmitter {
  const holder = globalThis as WithBus;
  holder[KEY] ??= new EventEmitter().setMaxListeners(50);
  return holder[KEY];
}

export function notifyEndpointChanged(endpointId: string, origin: ChangeOrigin = "here"): void {
  bus().emit("changed", endpointId, origin);
}

export function onEndpointChanged(listener: (endpointId: string, origin: ChangeOrigin) => void): () => void {
  bus().on("changed", listener);
  return () => bus().off("changed", listener);
}
