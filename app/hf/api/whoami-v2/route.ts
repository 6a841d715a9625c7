import { callerFromRequest } from "@/lib/api/caller";
import { hfHandle } from "@/lib/hf/respond";

/**
 * whoami for `huggingface_hub`: the client takes `name` as the default namespace when `type` is
 * "user", so the caller's organization namespace is given as the user's name.
 */
export const GET = hfHandle(async (request: Request) => {
  const caller = await callerFromRequest(request);
  return Response.json({
    type: "user",
    id: caller.userId,
    name: caller.organizationSlug,
    fullname: caller.name,
    email: caller.email,
    orgs: [],
    auth: { accessToken: { role: caller.role === "viewer" ? "read" : "write" } },
  });
});
