"use client";

import { CopyButton } from "@/components/ui/copy-button";
import type { EndpointView } from "@/lib/api/endpoint-view";
import { curlSnippet } from "@/lib/domain/snippets";

export function UrlCard({ endpoint: e }: { endpoint: EndpointView }) {
  const curl = curlSnippet(e);
  return (
    <section aria-labelledby="url-heading" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="url-heading" className="text-base font-semibold">
        Endpoint URL
      </h2>
      <div className="mt-2 flex items-center gap-2">
        <code data-testid="endpoint-url" className="flex-1 truncate rounded bg-slate-100 px-3 py-2 text-sm">
          {e.url}
        </code>
        <CopyButton text={e.url} />
      </div>
      <p className="mt-3 text-xs text-slate-500">
        A request to an endpoint scaled to zero wakes it. With <code>X-Scale-Up-Timeout</code> it waits up to that many seconds for
        the cold start; without, it gets 503 with Retry-After.
      </p>
      <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{curl}</pre>
    </section>
  );
}
