import { notifyEndpointChanged, onEndpointChanged } from "@/lib/endpoint-changes";
import { postgresBus, type ClusterBus } from "./bus";

/**
 * Joins this process to the other Ebb processes on the same PostgreSQL: endpoint changes made here are
 * announced to them, and theirs reach this process's engine as if made here (caches dropped, a reconcile
 * at once). Every process that changes endpoints or serves them connects, whatever its role.
 */
export async function connectCluster(url: string): Promise<ClusterBus> {
  const bus = postgresBus(url);
  await bus.subscribe<{ endpointId: string }>("ebb_endpoint_changed", ({ endpointId }, from) => {
    if (from !== bus.processId) notifyEndpointChanged(endpointId, "elsewhere");
  });
  const unsubscribe = onEndpointChanged((endpointId, origin) => {
    if (origin === "here") bus.publish("ebb_endpoint_changed", { endpointId });
  });
  return {
    ...bus,
    async close() {
      unsubscribe();
      await bus.close();
    },
  };
}
