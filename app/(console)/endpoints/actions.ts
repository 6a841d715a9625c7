"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireCaller } from "@/lib/auth";
import { ValidationError } from "@/lib/errors";
import { errorState, formValues, type ActionState } from "@/lib/forms/action-state";
import { policyInputFromForm, remapFixedErrors } from "@/lib/forms/policy-form";
import {
  createEndpoint,
  deleteEndpoint,
  pauseEndpoint,
  resumeEndpoint,
  scaleEndpointToZero,
  setEndpointSchedule,
  updateEndpointPolicy,
} from "@/lib/services/endpoints";

// Every action authenticates and goes through lib/services, which checks organization and role.

function policyErrorState(error: unknown, formData: FormData): ActionState {
  const state = errorState(error, formValues(formData));
  if (error instanceof ValidationError && state.fieldErrors) {
    state.fieldErrors = remapFixedErrors(state.fieldErrors, formData.get("autoscaling") === "on");
  }
  return state;
}

export async function createEndpointAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  let name: string;
  try {
    const row = await createEndpoint({
      caller,
      input: {
        name: String(formData.get("name") ?? ""),
        model: String(formData.get("model") ?? ""),
        provider: String(formData.get("provider") ?? "local"),
        // The select is there for providers whose replicas Ebb runs; the others' placement ignores it.
        runtime: { name: String(formData.get("runtime") ?? "builtin") },
        instanceType: String(formData.get("instanceType") ?? ""),
        protected: formData.get("protected") === "on",
        tags: String(formData.get("tags") ?? "")
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean),
        ...policyInputFromForm(formData),
      },
    });
    name = row.name;
  } catch (error) {
    return policyErrorState(error, formData);
  }
  revalidatePath("/endpoints");
  redirect(`/endpoints/${name}`);
}

export async function updatePolicyAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const name = String(formData.get("endpoint") ?? "");
  try {
    await updateEndpointPolicy({ caller, name, input: policyInputFromForm(formData) });
  } catch (error) {
    return policyErrorState(error, formData);
  }
  revalidatePath(`/endpoints/${name}`);
  return { status: "success", message: "Policy saved." };
}

export async function scheduleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const name = String(formData.get("endpoint") ?? "");
  const schedule =
    formData.get("clear") === "1"
      ? null
      : {
          timezone: String(formData.get("timezone") ?? "").trim(),
          days: formData.getAll("days").map(Number),
          start: String(formData.get("start") ?? ""),
          end: String(formData.get("end") ?? ""),
        };
  try {
    await setEndpointSchedule({ caller, name, schedule });
  } catch (error) {
    return errorState(error, formValues(formData));
  }
  revalidatePath(`/endpoints/${name}`);
  return { status: "success", message: schedule ? "Schedule saved." : "Schedule removed." };
}

const LIFECYCLE = {
  pause: pauseEndpoint,
  resume: resumeEndpoint,
  scaleToZero: scaleEndpointToZero,
} as const;

export async function lifecycleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const name = String(formData.get("endpoint") ?? "");
  const action = String(formData.get("action") ?? "") as keyof typeof LIFECYCLE;
  if (!Object.hasOwn(LIFECYCLE, action)) return { status: "error", message: "Unknown action." };
  try {
    await LIFECYCLE[action]({ caller, name });
  } catch (error) {
    return errorState(error);
  }
  revalidatePath("/endpoints");
  revalidatePath(`/endpoints/${name}`);
  return { status: "success", message: { pause: "Paused.", resume: "Resumed.", scaleToZero: "Scaling to zero." }[action] };
}

export async function deleteEndpointAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const name = String(formData.get("endpoint") ?? "");
  if (String(formData.get("confirmName") ?? "") !== name) {
    return { status: "error", fieldErrors: { confirmName: [`Type ${name} to confirm.`] } };
  }
  try {
    await deleteEndpoint({ caller, name });
  } catch (error) {
    return errorState(error);
  }
  revalidatePath("/endpoints");
  redirect("/endpoints");
}
