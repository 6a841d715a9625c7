import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("fills defaults for a bare environment", () => {
    expect(parseEnv({})).toMatchObject({ PORT: 3000, EBB_DATA_DIR: ".data", EBB_TRUST_PROXY: 0, EBB_SIGNUP: "invite" });
    expect(parseEnv({}).DATABASE_URL).toBeUndefined();
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ PORT: "", DATABASE_URL: "" })).toMatchObject({ PORT: 3000 });
  });

  it("names the variable and what is wrong with it", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(EnvError);
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT: must be a number/);
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT: must be between 1 and 65535/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgres:\/\//);
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET: must be at least 32 characters/);
  });

  it("accepts a PostgreSQL URL", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://u:p@localhost:5432/ebb" }).DATABASE_URL).toBe("postgres://u:p@localhost:5432/ebb");
  });
});

describe("local prices", () => {
  it("reads TYPE=PRICE pairs and a storage price", () => {
    expect(parseEnv({ EBB_LOCAL_PRICES: "cpu-small=0.2, cpu-large=1.25", EBB_LOCAL_STORAGE_PRICE: "0.02" })).toMatchObject({
      EBB_LOCAL_PRICES: { "cpu-small": 0.2, "cpu-large": 1.25 },
      EBB_LOCAL_STORAGE_PRICE: 0.02,
    });
  });

  it("refuses an unknown type, a missing price or a negative one, naming the entry", () => {
    expect(() => parseEnv({ EBB_LOCAL_PRICES: "gpu-huge=3" })).toThrow(/EBB_LOCAL_PRICES: "gpu-huge=3" must be TYPE=PRICE with TYPE one of cpu-small, cpu-medium, cpu-large/);
    expect(() => parseEnv({ EBB_LOCAL_PRICES: "cpu-small" })).toThrow(/"cpu-small" must be TYPE=PRICE/);
    expect(() => parseEnv({ EBB_LOCAL_PRICES: "cpu-small=-1" })).toThrow(/"cpu-small=-1" must be TYPE=PRICE/);
    expect(() => parseEnv({ EBB_LOCAL_STORAGE_PRICE: "-0.1" })).toThrow(/EBB_LOCAL_STORAGE_PRICE: must be 0 or more/);
  });

  it("reads EBB_ROLE as a set of roles, which need PostgreSQL unless all", () => {
    expect([...parseEnv({}).EBB_ROLE].sort()).toEqual(["console", "controller", "gateway"]);
    const url = "postgres://ebb@db.example.com/ebb";
    expect([...parseEnv({ DATABASE_URL: url, EBB_ROLE: "gateway, controller" }).EBB_ROLE].sort()).toEqual(["controller", "gateway"]);
    expect(() => parseEnv({ DATABASE_URL: url, EBB_ROLE: "gateway,router" })).toThrow(/EBB_ROLE: must be "all" or a comma-separated list/);
    expect(() => parseEnv({ EBB_ROLE: "gateway" })).toThrow(/EBB_ROLE: roles other than all need DATABASE_URL/);
  });
});
