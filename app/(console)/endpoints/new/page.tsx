import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requireCaller } from "@/lib/auth";
import { providerOffers } from "@/lib/services/provider-offers";
import { DEFAULT_REPLICA_QUOTA } from "@/lib/domain/policy";
import { can } from "@/lib/domain/roles";
import { runtimeChoices } from "@/lib/runtimes/catalog";
import { NewInferenceForm } from "./form";

export const metadata: Metadata = { title: "New Inference" };

export default async function NewInferencePage() {
  const caller = await requireCaller();
  if (!can(caller.role, "endpoints.manage")) forbidden();
  return (
    <>
      <PageHeader title="New Inference" description="An endpoint with one stable URL, scaled with its traffic." />
      <NewInferenceForm
        providers={await providerOffers({ caller })}
        runtimes={runtimeChoices()}
        quota={DEFAULT_REPLICA_QUOTA}
        namespace={caller.organizationSlug}
      />
    </>
  );
}
