import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button-class";
import { endpointView } from "@/lib/api/endpoint-view";
import { requireCaller } from "@/lib/auth";
import { headers } from "next/headers";
import { publicOrigin } from "@/lib/http/origin";
import { can } from "@/lib/domain/roles";
import { listEndpoints } from "@/lib/services/endpoints";
import { getCostToday } from "@/lib/services/metrics";
import { EndpointList } from "./list";

export const metadata: Metadata = { title: "Endpoints" };

export default async function EndpointsPage() {
  const caller = await requireCaller();
  const origin = publicOrigin(await headers());
  const rows = await listEndpoints({ caller });
  const costs = await getCostToday({ caller });
  const canCreate = can(caller.role, "endpoints.manage");
  return (
    <>
      <PageHeader
        title="Endpoints"
        description="Inference endpoints that scale with their traffic, down to zero when idle."
        actions={
          canCreate ? (
            <Link href="/endpoints/new" className={buttonClass("primary")}>
              New Inference
            </Link>
          ) : null
        }
      />
      <EndpointList initial={rows.map((row) => endpointView(row, origin, caller, costs[row.name]))} canCreate={canCreate} />
    </>
  );
}
