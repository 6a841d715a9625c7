/**
 * Which lifecycle actions make sense in an endpoint's current state, and why not when they do not.
 * The buttons, the services and the APIs all ask here.
 */
export interface ActionSubject {
  desiredState: "running" | "paused" | "deleted";
  state: string;
  minReplicas: number;
}

export type LifecycleAction = "pause" | "resume" | "scaleToZero" | "delete";

export type Availability = { enabled: true } | { enabled: false; reason: string };

export function availability(endpoint: ActionSubject, action: LifecycleAction): Availability {
  const no = (reason: string): Availability => ({ enabled: false, reason });
  if (endpoint.desiredState === "deleted") return no("The endpoint is deleted.");
  switch (action) {
    case "pause":
      return endpoint.desiredState === "paused" ? no("The endpoint is already paused.") : { enabled: true };
    case "resume":
      return endpoint.desiredState === "paused" ? { enabled: true } : no("The endpoint is not paused.");
    case "scaleToZero":
      if (endpoint.desiredState === "paused") return no("A paused endpoint runs no replicas; resume it first.");
      if (endpoint.minReplicas > 0) return no("Min Accels is above 0: set it to 0 to allow scaling to zero.");
      if (endpoint.state === "scaledToZero") return no("The endpoint is already scaled to zero.");
      return { enabled: true };
    case "delete":
      return { enabled: true };
  }
}
