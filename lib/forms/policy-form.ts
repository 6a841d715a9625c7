import { policySchema } from "@/lib/domain/policy";

/**
 * Reads the policy fields of the New Inference and Edit forms into the API's shape. Text is turned
 * into numbers here and judged by the one policy schema; with auto-scaling off, the single Accels
 * count becomes min = max and its errors are reported on that field.
 */
function number(value: FormDataEntryValue | null): number | undefined | string {
  if (value === null) return undefined;
  const text = String(value).trim();
  if (text === "") return undefined;
  const n = Number(text);
  return Number.isNaN(n) ? text : n;
}

export function policyInputFromForm(formData: FormData) {
  const autoscaling = formData.get("autoscaling") === "on";
  const replicas = number(formData.get("replicas"));
  return {
    autoscaling,
    minReplicas: autoscaling ? number(formData.get("minReplicas")) : replicas,
    maxReplicas: autoscaling ? number(formData.get("maxReplicas")) : replicas,
    scaleToZeroMinutes: number(formData.get("scaleToZeroMinutes")),
    targetConcurrency: number(formData.get("targetConcurrency")),
    scaleToZeroAuto: autoscaling && formData.get("scaleToZeroAuto") === "on",
    // Empty: worth derived from the measured start.
    coldStartWorthMinutes: number(formData.get("coldStartWorthMinutes")) ?? null,
  };
}

/** With auto-scaling off, the errors of min and max belong to the one Accels field. */
export function remapFixedErrors(fieldErrors: Record<string, string[]>, autoscaling: boolean): Record<string, string[]> {
  if (autoscaling) return fieldErrors;
  const { minReplicas, maxReplicas, ...rest } = fieldErrors;
  const replicas = [...new Set([...(maxReplicas ?? []), ...(minReplicas ?? [])])].map((m) => m.replace(/Max Accels|Min Accels/g, "Accels"));
  return replicas.length > 0 ? { ...rest, replicas } : rest;
}

/**
 * The policy fields' errors as the server would give them, from the same schema, for the form to show
 * while the user types and to stop a submit that cannot succeed.
 */
export function policyFieldErrors(formData: FormData, quota?: number): Record<string, string[]> {
  const result = policySchema(quota).safeParse(policyInputFromForm(formData));
  if (result.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "_form");
    const messages = (errors[field] ??= []);
    if (!messages.includes(issue.message)) messages.push(issue.message);
  }
  return remapFixedErrors(errors, formData.get("autoscaling") === "on");
}
