"use server";

import { formAction } from "@/lib/forms/action";
import { createApiToken, revokeApiToken } from "@/lib/services/api-tokens";

export const createTokenAction = formAction(async (caller, formData) => {
  const created = await createApiToken({ caller, name: formData.get("name") });
  // Shown once: only its hash is kept.
  return {
    message: `Token "${created.name}" created. Copy it now: it will not be shown again.`,
    result: { token: created.token },
    revalidate: ["/settings/api-tokens"],
  };
});

export const revokeTokenAction = formAction(async (caller, formData) => {
  await revokeApiToken({ caller, id: String(formData.get("id") ?? "") });
  return { message: "Token revoked.", revalidate: ["/settings/api-tokens"] };
});
