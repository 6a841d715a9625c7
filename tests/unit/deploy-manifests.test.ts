import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { ENV_NAMES, parseEnv } from "@/lib/env";

type Doc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; [key: string]: unknown };
type Model = { attributeTypeMap?: { baseName: string; type: string }[] };

const DIR = "deploy/kubernetes";
const manifests = fs.readdirSync(DIR).filter((f) => f.endsWith(".yaml"));
const docsOf = (file: string) => yaml.loadAll(fs.readFileSync(path.join(DIR, file), "utf8")) as Doc[];

/** The client's model of a kind: apps/v1 Deployment → V1Deployment. */
function modelName(doc: Doc): string {
  const version = doc.apiVersion.split("/").pop()!;
  return `${version[0]!.toUpperCase()}${version.slice(1)}${doc.kind}`;
}

/** Fields the Kubernetes API does not know (as the official client's models, generated from its OpenAPI spec, list them). */
function unknownFields(value: unknown, type: string, at: string): string[] {
  const model = (k8s as unknown as Record<string, Model>)[type];
  if (!model?.attributeTypeMap) return [];
  if (!value || typeof value !== "object" || Array.isArray(value)) return [`${at}: not an object`];
  const fields = new Map(model.attributeTypeMap.map((a) => [a.baseName, a.type]));
  return Object.entries(value).flatMap(([key, inner]) => {
    const fieldType = fields.get(key);
    if (!fieldType) return [`${at}.${key}`];
    const item = /^Array<(.+)>$/.exec(fieldType)?.[1];
    if (!item) return unknownFields(inner, fieldType, `${at}.${key}`);
    return Array.isArray(inner) ? inner.flatMap((element, i) => unknownFields(element, item, `${at}.${key}[${i}]`)) : [`${at}.${key}: not a list`];
  });
}

describe.each(manifests)("deploy/kubernetes/%s", (file) => {
  const docs = docsOf(file);

  it("has only fields the Kubernetes API knows", () => {
    for (const doc of docs) {
      expect((k8s as unknown as Record<string, Model>)[modelName(doc)]?.attributeTypeMap, `${doc.kind} has a model`).toBeDefined();
      expect(unknownFields(doc, modelName(doc), `${doc.kind}/${doc.metadata.name}`)).toEqual([]);
    }
  });

  it("binds roles that exist, for service accounts that exist", () => {
    for (const binding of docs.filter((d) => d.kind === "RoleBinding") as unknown as k8s.V1RoleBinding[]) {
      expect(docs.some((d) => d.kind === "Role" && d.metadata.name === binding.roleRef.name && d.metadata.namespace === binding.metadata?.namespace)).toBe(true);
      for (const subject of binding.subjects ?? []) expect(docs.some((d) => d.kind === "ServiceAccount" && d.metadata.name === subject.name)).toBe(true);
    }
  });

  it("runs Ebb with variables it reads and values it accepts, its pods selected by its own labels", () => {
    for (const deployment of docs.filter((d) => d.kind === "Deployment") as unknown as k8s.V1Deployment[]) {
      const template = deployment.spec!.template;
      expect(template.metadata?.labels).toMatchObject(deployment.spec!.selector.matchLabels!);
      const env = template.spec!.containers[0]!.env ?? [];
      expect(env.map((e) => e.name).filter((name) => !ENV_NAMES.includes(name))).toEqual([]);
      const values = Object.fromEntries(env.map((e) => [e.name, e.value]));
      expect(() => parseEnv({ ...values, DATABASE_URL: "postgres://ebb@db/ebb", AUTH_SECRET: "x".repeat(44), EBB_SECRET_KEY: "y".repeat(44) })).not.toThrow();
      expect(template.spec!.serviceAccountName && docs.some((d) => d.kind === "ServiceAccount" && d.metadata.name === template.spec!.serviceAccountName)).toBe(true);
    }
  });
});
