import type { ReactNode } from "react";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requireCaller } from "@/lib/auth";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const caller = await requireCaller();
  return (
    <>
      <PageHeader title="Settings" />
      <div className="mb-6 border-b border-slate-200">
        <SettingsTabs role={caller.role} />
      </div>
      {children}
    </>
  );
}
