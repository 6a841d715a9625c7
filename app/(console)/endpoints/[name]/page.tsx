import type { Metadata } from "next";
import { endpointView } from "@/lib/api/endpoint-view";
import { eventJson } from "@/lib/api/endpoint-json";
import { requireCaller } from "@/lib/auth";
import { headers } from "next/headers";
import { publicOrigin } from "@/lib/http/origin";
import { getEndpointByName, listEndpointEvents, resumeBlockedReason } from "@/lib/services/endpoints";
import { NotFoundError } from "@/lib/errors";
import { notFound } from "next/navigation";
import { parseRange } from "@/lib/domain/ranges";
import { getEndpointPrice } from "@/lib/services/prices";
import { startupProgress } from "@/lib/services/startup";
import { EndpointCharts } from "./charts";
import { EndpointDetail } from "./client";
import { decodeSegment } from "@/lib/http/decode";

type Props = { params: Promise<{ name: string }>; searchParams: Promise<{ range?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeSegment((await params).name) ?? "Endpoint" };
}

export default async function EndpointPage({ params, searchParams }: Props) {
  const caller = await requireCaller();
  // A name that is not even valid percent-encoding names no endpoint.
  const name = decodeSegment((await params).name) ?? notFound();
  const row = await getEndpointByName({ caller, name }).catch((error: unknown) => {
    // Another organization's endpoint is as absent as one that does not exist.
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  // Independent reads, in parallel; the chart series are fetched by the browser after the shell.
  const [events, price, blocked, progress, requestHeaders, query] = await Promise.all([
    listEndpointEvents({ caller, name, limit: 100 }),
    getEndpointPrice({ caller, endpoint: row }),
    resumeBlockedReason(row),
    startupProgress(row),
    headers(),
    searchParams,
  ]);
  const range = parseRange(query.range);
  const endpoint = endpointView(row, publicOrigin(requestHeaders), caller, 0, price, blocked, progress);
  return (
    <EndpointDetail
      initial={{ endpoint, events: events.map(eventJson) }}
      charts={<EndpointCharts name={name} url={endpoint.url} range={range} />}
    />
  );
}
