"use server";

import { AppError, ValidationError } from "@/lib/errors";
import { formAction } from "@/lib/forms/action";
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

// Every action authenticates (formAction) and goes through lib/services, which checks organization and role.

/** With auto-scaling off the form shows one Accels field: errors of min and max belong to it. */
function policyErrorState(error: unknown, formData: FormData): ActionState {
  const state = errorState(error, formValues(formData));
  if (error instanceof ValidationError && state.fieldErrors) {
    state.fieldErrors = remapFixedErrors(state.fieldErrors, formData.get("autoscaling") === "on");
  }
  return state;
}

export const createEndpointAction = formAction(
  async (caller, formData) => {
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
    return { revalidate: ["/endpoints"], redirectTo: `/endpoints/${row.name}` };
  },
  { onError: policyErrorState },
);

export const updatePolicyAction = formAction(
  async (caller, formData) => {
    const name = String(formData.get("endpoint") ?? "");
    await updateEndpointPolicy({ caller, name, input: policyInputFromForm(formData) });
    return { message: "Policy saved.", revalidate: [`/endpoints/${name}`] };
  },
  { onError: policyErrorState },
);

export const scheduleAction = formAction(async (caller, formData) => {
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
  await setEndpointSchedule({ caller, name, schedule });
  return { message: schedule ? "Schedule saved." : "Schedule removed.", revalidate: [`/endpoints/${name}`] };
});

const LIFECYCLE = {
  pause: { run: pauseEndpoint, done: "Paused." },
  resume: { run: resumeEndpoint, done: "Resumed." },
  scaleToZero: { run: scaleEndpointToZero, done: "Scaling to zero." },
} as const;

export const lifecycleAction = formAction(async (caller, formData) => {
  const name = String(formData.get("endpoint") ?? "");
  const action = String(formData.get("action") ?? "");
  // Own keys only: "toString" is no action.
  if (!Object.hasOwn(LIFECYCLE, action)) throw new AppError("invalid_input", 422, "Unknown action.");
  const { run, done } = LIFECYCLE[action as keyof typeof LIFECYCLE];
  await run({ caller, name });
  return { message: done, revalidate: ["/endpoints", `/endpoints/${name}`] };
});

export const deleteEndpointAction = formAction(async (caller, formData) => {
  const name = String(formData.get("endpoint") ?? "");
  if (String(formData.get("confirmName") ?? "") !== name) throw ValidationError.forField("confirmName", `Type ${name} to confirm.`);
  await deleteEndpoint({ caller, name });
  // The page goes to the list itself, after saying so. Nothing is revalidated: refreshing this page would
  // render its 404 and unmount the card before it could navigate.
  return { message: `Deleted ${name}. Its cost history stays on the Costs page.` };
});
