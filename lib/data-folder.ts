import fs from "node:fs";
import path from "node:path";

/**
 * The data folder holds the database and the generated secrets: only Ebb's own user may enter it. Files
 * made later by this process (PGlite's among them) follow the umask set here; what an earlier version
 * left readable is closed now.
 */
export function secureDataFolder(dir: string): void {
  process.umask(0o077);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const walk = (entry: string) => {
    const stat = fs.lstatSync(entry);
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      fs.chmodSync(entry, 0o700);
      for (const child of fs.readdirSync(entry)) walk(path.join(entry, child));
    } else {
      fs.chmodSync(entry, 0o600);
    }
  };
  walk(dir);
}
