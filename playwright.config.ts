import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { E2E_HF } from "./tests/e2e/support/hf";
import { E2E_KUBE } from "./tests/e2e/support/kube";
import { writeTestRuntimes } from "./tests/support/runtimes";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;
// A second install with the default invitation-only sign-up, for the tests of its first visitor.
const INVITE_ONLY_PORT = PORT + 1;


// One fresh data folder per run. The config is loaded again in every worker; the variable set here
// by the main process is inherited, so they all agree on it.
process.env.EBB_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "ebb-e2e-"));
process.env.EBB_E2E_INVITE_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "ebb-e2e-invite-"));
// The operator's runtime catalog of the test install: the probe runtime plays a hostile tenant server.
process.env.EBB_E2E_RUNTIMES_FILE ??= writeTestRuntimes().file;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  projects: [
    { name: "open-signup", testIgnore: /invite-only\.spec\.ts/ },
    // The generated bad-input suite, against the same install.
    { name: "security", testDir: "tests/security" },
    { name: "invite-only", testMatch: /invite-only\.spec\.ts/, use: { baseURL: `http://localhost:${INVITE_ONLY_PORT}` } },
  ],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download cannot be reached from here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      // A local server implementing the Hugging Face API contract stands in for Hugging Face.
      command: `node --import tsx tests/support/hf-contract-server-main.ts ${E2E_HF.port} ${E2E_HF.token} ${E2E_HF.user}`,
      url: `${E2E_HF.url}/health`,
      reuseExistingServer: false,
    },
    {
      // And one implementing the Kubernetes API contract stands in for a cluster (a 401 says it is up).
      command: `node --import tsx tests/support/kube-contract-server-main.ts ${E2E_KUBE.port} ${E2E_KUBE.token}`,
      url: `${E2E_KUBE.url}/api`,
      reuseExistingServer: false,
    },
    {
      // The same path as `npm start`: build if needed, migrate, serve.
      command: "node --import tsx scripts/start.ts",
      url: `${baseURL}/ping`,
      timeout: 300_000,
      // Stopped as an operator would stop it, so it stops its replicas (a kill would leave them running).
      gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(PORT),
        EBB_DATA_DIR: process.env.EBB_E2E_DATA_DIR,
        DATABASE_URL: "",
        EBB_HF_API_URL: `${E2E_HF.url}/v2`,
        EBB_HF_HUB_URL: E2E_HF.url,
        EBB_HF_ENDPOINT_DOMAINS: "http://127.0.0.1",
        EBB_RUNTIMES_FILE: process.env.EBB_E2E_RUNTIMES_FILE,
        // Most tests sign up organizations of their own; invitation-only sign-up has its own server below.
        EBB_SIGNUP: "open",
        EBB_SIGNUP_LIMIT: "1000",
      },
    },
    {
      command: "node --import tsx scripts/start.ts",
      url: `http://localhost:${INVITE_ONLY_PORT}/ping`,
      timeout: 300_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { PORT: String(INVITE_ONLY_PORT), EBB_DATA_DIR: process.env.EBB_E2E_INVITE_DATA_DIR, DATABASE_URL: "", EBB_SIGNUP: "invite" },
    },
  ],
});
