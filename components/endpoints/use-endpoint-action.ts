"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useActionState } from "react";
import { initialActionState, type ActionState } from "@/lib/forms/action-state";

/**
 * useActionState for a server action that changes an endpoint: on success the live endpoint views are
 * refetched at once (and `onSuccess` runs), rather than at their next poll.
 */
export function useEndpointAction(action: (prev: ActionState, formData: FormData) => Promise<ActionState>, onSuccess?: () => void) {
  const queryClient = useQueryClient();
  return useActionState(async (prev: ActionState, formData: FormData) => {
    const next = await action(prev, formData);
    if (next.status === "success") {
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: ["endpoints"] });
    }
    return next;
  }, initialActionState);
}
