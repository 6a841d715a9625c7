/** The contract server the end-to-end tests run in place of Hugging Face (playwright.config.ts starts it). */
const HF_PORT = Number(process.env.E2E_HF_PORT ?? 3199);

export const E2E_HF = { port: HF_PORT, url: `http://127.0.0.1:${HF_PORT}`, token: "hf_e2eValidToken0000", user: "e2e-user" };
