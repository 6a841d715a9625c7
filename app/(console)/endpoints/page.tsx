import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireCaller } from "@/lib/auth";

export const metadata: Metadata = { title: "Endpoints" };

export default async function EndpointsPage() {
  await requireCaller();
  return (
    <>
      <PageHeader title="Endpoints" description="Inference endpoints that scale with their traffic, down to zero when idle." />
      <EmptyState title="No endpoints yet">Each endpoint gets one stable URL that wakes it from zero.</EmptyState>
    </>
  );
}
