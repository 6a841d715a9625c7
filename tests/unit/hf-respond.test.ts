import { describe, expect, it } from "vitest";
import { hfError } from "@/lib/hf/respond";

describe("Hugging Face error answers", () => {
  it("carry any message, the header in bytes a client can read", async () => {
    const response = hfError(new Request("http://ebb.test/hf/api/whoami-v2"), 401, "Send an API token. Create one under Settings → API tokens – now “please”.");
    expect(response.status).toBe(401);
    expect(response.headers.get("x-error-message")).toBe('Send an API token. Create one under Settings -> API tokens - now "please".');
    expect(await response.json()).toEqual({ error: "Send an API token. Create one under Settings → API tokens – now “please”." });
  });
});
