import fs from "node:fs";
import path from "node:path";
import { isAlive } from "@/lib/process-alive";

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

export class DataFolderInUse extends Error {}

/**
 * One Ebb process per data folder: the embedded database has one writer. The folder holds the pid of
 * the process using it; a second start while that process lives is refused, naming it. A pid left by a
 * process that is gone (killed, crashed) is taken over. Released when this process exits.
 */
export function lockDataFolder(dir: string): void {
  const lock = path.join(dir, "ebb.pid");
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx", mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lock, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new DataFolderInUse(
          `the data folder ${dir} is in use by another Ebb process (pid ${holder}); stop it first, or give this one its own EBB_DATA_DIR (several processes share a database only on PostgreSQL, with DATABASE_URL)`,
        );
      }
      fs.rmSync(lock, { force: true });
    }
  }
  process.once("exit", () => {
    try {
      if (Number(fs.readFileSync(lock, "utf8")) === process.pid) fs.rmSync(lock);
    } catch {
      // Already gone.
    }
  });
}
