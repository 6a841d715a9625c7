import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { publicOrigin } from "@/lib/http/origin";

const headers = (values: Record<string, string>) => new Headers(values);
const config = (overrides: Record<string, string> = {}) => parseEnv({ PORT: "3999", ...overrides });

describe("the origin endpoint URLs are built on", () => {
  it("is the Host the console was reached on", () => {
    expect(publicOrigin(headers({ host: "gpu-box.internal:3999" }), config())).toBe("http://gpu-box.internal:3999");
    expect(publicOrigin(headers({ host: "[::1]:3999" }), config())).toBe("http://[::1]:3999");
  });

  it("is EBB_PUBLIC_URL when set, whatever the request says", () => {
    const set = config({ EBB_PUBLIC_URL: "https://ebb.example.com/some/path" });
    expect(publicOrigin(headers({ host: "10.0.0.5:3999", "x-forwarded-host": "evil.example" }), set)).toBe("https://ebb.example.com");
  });

  it("reads forwarded host and scheme only behind trusted proxies", () => {
    const forwarded = headers({ host: "10.0.0.5:3999", "x-forwarded-host": "ebb.example.com, inner", "x-forwarded-proto": "https" });
    expect(publicOrigin(forwarded, config())).toBe("http://10.0.0.5:3999");
    expect(publicOrigin(forwarded, config({ EBB_TRUST_PROXY: "1" }))).toBe("https://ebb.example.com");
    expect(publicOrigin(headers({ host: "a.example", "x-forwarded-proto": "gopher" }), config({ EBB_TRUST_PROXY: "1" }))).toBe("http://a.example");
  });

  it("falls back to localhost and the port for a Host that is no host name", () => {
    expect(publicOrigin(headers({}), config())).toBe("http://localhost:3999");
    expect(publicOrigin(headers({ host: "a.example/<script>" }), config())).toBe("http://localhost:3999");
  });

  it("refuses an EBB_PUBLIC_URL that is not an http(s) URL, naming it", () => {
    expect(() => parseEnv({ EBB_PUBLIC_URL: "ebb.example.com" })).toThrow(/EBB_PUBLIC_URL: must be a URL/);
    expect(() => parseEnv({ EBB_PUBLIC_URL: "ftp://ebb.example.com" })).toThrow(/EBB_PUBLIC_URL: must be an http/);
  });
});
