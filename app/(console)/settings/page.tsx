import { redirect } from "next/navigation";
import { requireCaller } from "@/lib/auth";
import { settingsTabs } from "@/lib/domain/settings-tabs";

/** Settings lands on the first page the caller's role may open. */
export default async function SettingsPage() {
  const caller = await requireCaller();
  redirect(settingsTabs(caller.role)[0]!.href);
}
