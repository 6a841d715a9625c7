/** The UI's words for Hugging Face's state names (DESIGN §2). */
export const STATE_LABELS: Record<string, string> = {
  pending: "Pending",
  initializing: "Initializing",
  running: "Running",
  scaledToZero: "Scaled to zero",
  updating: "Updating",
  paused: "Paused",
  failed: "Failed",
  deleted: "Deleted",
};

/** States that will change by themselves soon: the page polls faster while in one. */
export function isTransitional(state: string, desiredState: string): boolean {
  if (state === "pending" || state === "initializing" || state === "updating") return true;
  return (desiredState === "paused") !== (state === "paused");
}
