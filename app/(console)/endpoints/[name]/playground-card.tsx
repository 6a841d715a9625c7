"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { buttonClass } from "@/components/ui/button-class";
import { inputClass } from "@/components/ui/field";
import type { EndpointView } from "@/lib/api/endpoint-view";
import { cn } from "@/lib/cn";
import { curlSnippet, javascriptSnippet, pythonSnippet } from "@/lib/domain/snippets";
import { streamChat, type ChatStreamResult } from "@/lib/playground/chat-stream";

type Run = { status: "idle" } | { status: "running"; text: string } | { status: "done"; result: ChatStreamResult } | { status: "error"; message: string; text: string };

const SNIPPETS = { curl: curlSnippet, Python: pythonSnippet, JavaScript: javascriptSnippet } as const;
type SnippetName = keyof typeof SNIPPETS;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** What the user felt: time to first token (of which waiting for a start), decode speed, and whether it woke the endpoint. */
function Timings({ result }: { result: ChatStreamResult }) {
  return (
    <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="playground-timings">
      <div>
        <dt className="text-xs text-slate-500">Time to first token</dt>
        <dd>{result.firstTokenMs === null ? "—" : seconds(result.firstTokenMs)}</dd>
      </div>
      <div>
        <dt className="text-xs text-slate-500">Tokens/s</dt>
        <dd>{result.tokensPerSecond === null ? "—" : result.tokensPerSecond.toFixed(1)}</dd>
      </div>
      <div>
        <dt className="text-xs text-slate-500">Tokens</dt>
        <dd>{result.tokens}</dd>
      </div>
      <div>
        <dt className="text-xs text-slate-500">Cold start</dt>
        <dd data-testid="playground-woke">{result.heldMs > 0 ? `Woke the endpoint: waited ${seconds(result.heldMs)}` : "No: a replica was ready"}</dd>
      </div>
    </dl>
  );
}

/** Try the endpoint: a prompt streamed through its URL, as any client would call it, and the code to do the same. */
export function PlaygroundCard({ endpoint: e }: { endpoint: EndpointView }) {
  const queryClient = useQueryClient();
  const [prompt, setPrompt] = useState("We hold these truths");
  const [maxTokens, setMaxTokens] = useState("48");
  const [token, setToken] = useState("");
  const [run, setRun] = useState<Run>({ status: "idle" });
  const [snippet, setSnippet] = useState<SnippetName>("Python");
  const abort = useRef<AbortController | null>(null);
  // The console's origin serves the endpoint URL too: a relative path works whatever the public URL says.
  const path = new URL(e.url).pathname;
  const paused = e.desiredState === "paused";

  async function send() {
    const controller = new AbortController();
    abort.current = controller;
    setRun({ status: "running", text: "" });
    let text = "";
    try {
      const result = await streamChat({
        path,
        model: e.model,
        prompt,
        maxTokens: Math.max(1, Math.min(512, Number(maxTokens) || 48)),
        token: e.protected ? token.trim() : undefined,
        signal: controller.signal,
        onText: (t) => {
          text = t;
          setRun({ status: "running", text: t });
        },
      });
      setRun({ status: "done", result });
    } catch (error) {
      const message = controller.signal.aborted ? "Stopped." : error instanceof Error ? error.message : String(error);
      setRun({ status: "error", message, text });
    } finally {
      abort.current = null;
      // A woken endpoint's state and replicas changed.
      void queryClient.invalidateQueries({ queryKey: ["endpoints", e.name] });
    }
  }

  const shownText = run.status === "running" || run.status === "error" ? run.text : run.status === "done" ? run.result.text : "";
  return (
    <section aria-labelledby="playground-heading" className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200" data-testid="playground">
      <div>
        <h2 id="playground-heading" className="text-base font-semibold">
          Playground
        </h2>
        <p className="text-xs text-slate-500">A chat completion streamed through the endpoint URL. A request to an endpoint at zero wakes it and waits for the start.</p>
      </div>
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (run.status !== "running") void send();
        }}
      >
        <label className="block text-sm font-medium text-slate-800">
          Prompt
          <textarea value={prompt} onChange={(event) => setPrompt(event.target.value)} rows={3} className={cn(inputClass, "mt-1 w-full")} />
        </label>
        <div className="flex flex-wrap items-end gap-3">
          <label className="text-sm font-medium text-slate-800">
            Max tokens
            <input type="number" min={1} max={512} value={maxTokens} onChange={(event) => setMaxTokens(event.target.value)} className={cn(inputClass, "mt-1 block w-28")} />
          </label>
          {e.protected ? (
            <label className="text-sm font-medium text-slate-800">
              API token (the endpoint is protected)
              <input type="password" value={token} onChange={(event) => setToken(event.target.value)} placeholder="ebb_…" className={cn(inputClass, "mt-1 block w-64")} />
            </label>
          ) : null}
          {run.status === "running" ? (
            <button type="button" className={buttonClass("secondary")} onClick={() => abort.current?.abort()}>
              Stop
            </button>
          ) : (
            <button type="submit" className={buttonClass()} disabled={paused || prompt.trim() === ""}>
              Send
            </button>
          )}
        </div>
        {paused ? <p className="text-sm text-slate-600">The endpoint is paused: resume it to try it.</p> : null}
      </form>
      {run.status !== "idle" ? (
        <div className="space-y-3">
          <pre className="min-h-16 whitespace-pre-wrap rounded-lg bg-slate-50 p-3 text-sm text-slate-800 ring-1 ring-slate-200" data-testid="playground-answer" aria-live="polite">
            {shownText || (run.status === "running" ? "Waiting for the first token…" : "")}
          </pre>
          {run.status === "done" ? <Timings result={run.result} /> : null}
          {run.status === "error" ? (
            <p role="alert" className="text-sm text-red-700">
              {run.message}
            </p>
          ) : null}
        </div>
      ) : null}
      <div>
        <div className="flex flex-wrap items-center gap-2">
          {(Object.keys(SNIPPETS) as SnippetName[]).map((name) => (
            <button
              key={name}
              type="button"
              aria-pressed={name === snippet}
              onClick={() => setSnippet(name)}
              className={cn("rounded-md px-2 py-1 text-xs", name === snippet ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200")}
            >
              {name}
            </button>
          ))}
          <span className="ml-auto">
            <CopyButton text={SNIPPETS[snippet](e)} label={`Copy the ${snippet} example`} />
          </span>
        </div>
        <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100" data-testid="playground-snippet">
          {SNIPPETS[snippet](e)}
        </pre>
      </div>
    </section>
  );
}
