import { z } from "zod";
import { roleSchema } from "./roles";

export const PASSWORD_MIN_LENGTH = 10;

const email = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }).max(254, "Email is too long."));

const newPassword = z
  .string({ error: "Enter a password." })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(200, "Use at most 200 characters.");

const personName = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Use at most 100 characters.");

export const signUpSchema = z.object({
  name: personName,
  email,
  password: newPassword,
  organization: z
    .string({ error: "Enter an organization name." })
    .trim()
    .min(2, "Use at least 2 characters.")
    .max(64, "Use at most 64 characters.")
    .regex(/[a-z0-9]/i, "Include at least one letter or digit."),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(200),
});

export const inviteMemberSchema = z.object({
  email,
  role: roleSchema,
});

/** What an invited person fills in: their name and a password nobody else ever knows. */
export const acceptInvitationSchema = z.object({
  name: personName,
  password: newPassword,
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(200),
    newPassword: newPassword,
  })
  .refine((p) => p.currentPassword !== p.newPassword, { path: ["newPassword"], message: "Choose a password different from the current one." });

export const changeRoleSchema = z.object({
  membershipId: z.uuid({ error: "Unknown member." }),
  role: roleSchema,
});

/** An organization's namespace as slugify makes it, with room for the "-2" of a taken one. */
export const NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9-]{0,47}$/;

/** "Acme AI Lab" → "acme-ai-lab": the organization's namespace in URLs. */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
}
