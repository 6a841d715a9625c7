import { ConflictError, ValidationError } from "@/lib/errors";
import type { Caller } from "@/lib/services/caller";
import { getEndpointByName, pauseEndpoint, resumeEndpoint, scaleEndpointToZero } from "@/lib/services/endpoints";
import { hfJson, hfRoute } from "./routes";

type Action = (args: { caller: Caller; name: string }) => Promise<unknown>;

/**
 * Pause, resume and scale to zero as Hugging Face answers them: repeating an action already done
 * returns the endpoint, except resume of a running endpoint, which is a 400 saying "already running"
 * (the client swallows exactly that).
 */
export function hfAction(action: Action, { alreadyDone }: { alreadyDone: "ok" | "already running" }) {
  return hfRoute(async ({ request, caller, name }) => {
    try {
      await action({ caller, name });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      if (alreadyDone === "already running") throw new ValidationError({}, `Endpoint '${name}' is already running`);
      if (!/already/.test(error.message)) throw new ValidationError({}, error.message);
    }
    return Response.json(hfJson(request, caller, await getEndpointByName({ caller, name })));
  });
}

export const hfPause = hfAction(pauseEndpoint, { alreadyDone: "ok" });
export const hfResume = hfAction(resumeEndpoint, { alreadyDone: "already running" });
export const hfScaleToZero = hfAction(scaleEndpointToZero, { alreadyDone: "ok" });
