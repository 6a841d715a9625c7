import { z } from "zod";

const amount = z
  .number({ error: "Enter an amount in dollars." })
  .min(0, "A budget cannot be negative.")
  .max(10_000_000, "Enter at most $10,000,000.")
  .nullable();

export const organizationBudgetSchema = z.object({ monthlyBudget: amount });
export const endpointBudgetSchema = z.object({ monthlyBudget: amount, pauseAtBudget: z.boolean().default(false) });

export function formatBudget(value: number): string {
  return value.toLocaleString("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: value < 1 && value > 0 ? 4 : 2 });
}
