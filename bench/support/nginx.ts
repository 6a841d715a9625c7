import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/lib/providers/local/process";

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p)) ?? null;

export interface RunningNginx {
  /** http://127.0.0.1:PORT/{upstream name}/… reaches that upstream. */
  base: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Debian's nginx as an operator would put it in front of replicas instead of Ebb: its own process on a
 * free port, worker per core, keep-alive connections upstream, no access log. null when not installed.
 */
export async function startNginx(upstreams: { name: string; url: string | string[] }[]): Promise<RunningNginx | null> {
  if (!NGINX) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ebb-bench-nginx-"));
  const port = await freePort();
  const blocks = upstreams.map(({ name, url }) => {
    // Several servers: round-robin among them, as a load balancer in front of several processes.
    const servers = (Array.isArray(url) ? url : [url]).map((u) => `server ${new URL(u).host};`).join(" ");
    return {
      upstream: `upstream u_${name} { ${servers} keepalive 512; }`,
      location: `location /${name}/ { proxy_pass http://u_${name}/; proxy_http_version 1.1; proxy_set_header Connection ""; }`,
    };
  });
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `${t}_temp_path ${dir}/${t};`).join("\n  ");
  const config = `
${process.getuid?.() === 0 ? "user root;" : ""}
worker_processes auto;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  ${temp}
  ${blocks.map((b) => b.upstream).join("\n  ")}
  server {
    listen 127.0.0.1:${port} reuseport;
    keepalive_requests 100000;
    ${blocks.map((b) => b.location).join("\n    ")}
  }
}
`;
  const file = path.join(dir, "nginx.conf");
  fs.writeFileSync(file, config);
  const test = spawnSync(NGINX, ["-p", dir, "-c", file, "-t"], { encoding: "utf8" });
  if (test.status !== 0) throw new Error(`nginx refused its bench configuration: ${test.stderr}`);
  const child = spawn(NGINX, ["-p", dir, "-c", file], { stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${base}/`);
      break;
    } catch {
      if (i > 100) throw new Error("nginx did not start listening within 5 s");
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    base,
    pid: child.pid!,
    async stop() {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGQUIT");
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
