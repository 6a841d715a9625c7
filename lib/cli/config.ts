import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface CliConfig {
  url: string;
  token: string;
}

function configFile(): string {
  const dir = process.env.EBB_CONFIG_DIR ?? path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), ".config"), "ebb");
  return path.join(dir, "config.json");
}

/** The console URL and token: EBB_URL / EBB_TOKEN when set, else what `ebb login` saved. */
export function loadConfig(): CliConfig | null {
  if (process.env.EBB_URL && process.env.EBB_TOKEN) return { url: process.env.EBB_URL, token: process.env.EBB_TOKEN };
  try {
    const saved = JSON.parse(fs.readFileSync(configFile(), "utf8")) as CliConfig;
    // An empty variable counts as unset.
    return { url: process.env.EBB_URL || saved.url, token: process.env.EBB_TOKEN || saved.token };
  } catch {
    return null;
  }
}

/** Saved readable by its owner only: it holds a secret. */
export function saveConfig(config: CliConfig): string {
  const file = configFile();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  return file;
}
