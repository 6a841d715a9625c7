import crypto from "node:crypto";
import postgres from "postgres";

/**
 * What Ebb processes sharing one PostgreSQL say to each other, over LISTEN/NOTIFY: an endpoint changed,
 * an endpoint's ready replicas changed, a request waits for an endpoint at zero, a gateway's load.
 * Notifications reach every listening process in the order they were sent, and are gone if nobody
 * listens: what must survive a restart lives in tables, this only says when to look.
 */
export interface ClusterBus {
  /** This process, as other processes see it in `from`. */
  readonly processId: string;
  publish(channel: ClusterChannel, payload: object): void;
  /** Resolves once listening; the listener also hears this process's own messages (`from` tells). */
  subscribe<T>(channel: ClusterChannel, listener: (payload: T, from: string) => void): Promise<void>;
  close(): Promise<void>;
}

export type ClusterChannel = "ebb_endpoint_changed" | "ebb_replicas_changed" | "ebb_activate" | "ebb_load";

/** PostgreSQL's limit on a notification's payload is 8000 bytes; messages are kept well under it. */
export const MAX_PAYLOAD_BYTES = 7000;

/** A connection of its own for listening (postgres.js re-listens after a reconnect) and one for sending. */
export function postgresBus(url: string): ClusterBus {
  const sql = postgres(url, { max: 1, idle_timeout: 0, onnotice: () => {} });
  const processId = crypto.randomUUID();
  const listening: { unlisten(): Promise<void> }[] = [];
  return {
    processId,
    publish(channel, payload) {
      const text = JSON.stringify({ from: processId, payload });
      sql.notify(channel, text).catch((error: unknown) => console.error(`ebb cluster: could not notify ${channel}:`, error));
    },
    async subscribe(channel, listener) {
      const request = await sql.listen(channel, (text) => {
        try {
          const { from, payload } = JSON.parse(text) as { from: string; payload: never };
          listener(payload, from);
        } catch (error) {
          console.error(`ebb cluster: a message on ${channel} could not be handled:`, error);
        }
      });
      listening.push(request);
    },
    async close() {
      await Promise.all(listening.map((l) => l.unlisten().catch(() => {})));
      await sql.end({ timeout: 1 });
    },
  };
}
