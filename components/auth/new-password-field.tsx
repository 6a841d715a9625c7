import { TextField } from "@/components/ui/field";
import { PASSWORD_MIN_LENGTH } from "@/lib/domain/account";

/** A password being chosen: the browser may suggest one, and the rule is said beside it. */
export function NewPasswordField({ name = "password", label = "Password", errors }: { name?: string; label?: string; errors?: string[] }) {
  return <TextField name={name} label={label} type="password" autoComplete="new-password" required hint={`At least ${PASSWORD_MIN_LENGTH} characters.`} errors={errors} />;
}
