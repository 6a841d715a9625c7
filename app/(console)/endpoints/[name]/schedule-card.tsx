"use client";

import { inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { cn } from "@/lib/cn";
import { DAY_NAMES, describeSchedule, type Schedule } from "@/lib/domain/schedule";

import { scheduleAction } from "../actions";
import { useEndpointAction } from "@/components/endpoints/use-endpoint-action";
import { initialActionState } from "@/lib/forms/action-state";

/** When the endpoint runs: shown, and editable by those who may edit policies. */
export function ScheduleCard({ name, schedule, canEdit }: { name: string; schedule: Schedule | null; canEdit: boolean }) {
  const [state, action] = useEndpointAction(scheduleAction);
  const errors = state.fieldErrors ?? {};
  const current = schedule ?? { timezone: "UTC", days: [1, 2, 3, 4, 5], start: "08:00", end: "19:00" };
  return (
    <section aria-labelledby="schedule-heading" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="schedule-heading" className="text-base font-semibold">
        Schedule
      </h2>
      <p className="mt-1 text-sm text-slate-700" data-testid="schedule">
        {schedule ? describeSchedule(schedule) : "Runs at all times (no schedule)."}
      </p>
      {canEdit ? (
        <form action={action} className="mt-4 space-y-3" noValidate>
          <input type="hidden" name="endpoint" value={name} />
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Days</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {DAY_NAMES.map((day, i) => (
                <label key={day} className="flex items-center gap-1 text-sm">
                  <input type="checkbox" name="days" value={i + 1} defaultChecked={current.days.includes(i + 1)} />
                  {day}
                </label>
              ))}
            </div>
            {errors.days ? <p className="text-sm text-red-600">{errors.days[0]}</p> : null}
          </fieldset>
          <div className="flex flex-wrap items-end gap-3">
            {(["start", "end"] as const).map((field) => (
              <label key={field} className="text-sm">
                <span className="mb-1 block font-medium text-slate-800">{field === "start" ? "From" : "To"}</span>
                <input type="time" name={field} defaultValue={current[field]} className={cn(inputClass, "w-32")} aria-invalid={errors[field] ? true : undefined} />
              </label>
            ))}
            <label className="text-sm">
              <span className="mb-1 block font-medium text-slate-800">Time zone</span>
              <input name="timezone" defaultValue={current.timezone} className={cn(inputClass, "w-48")} aria-invalid={errors.timezone ? true : undefined} />
            </label>
            <SubmitButton variant="secondary">Save schedule</SubmitButton>
            {schedule ? (
              <button type="submit" name="clear" value="1" className="text-sm font-medium text-slate-600 hover:text-slate-900">
                Remove schedule
              </button>
            ) : null}
          </div>
          {Object.entries(errors)
            .filter(([field]) => field !== "days")
            .map(([field, messages]) => (
              <p key={field} className="text-sm text-red-600">
                {messages[0]}
              </p>
            ))}
          <FormMessage state={state.fieldErrors ? initialActionState : state} />
        </form>
      ) : null}
    </section>
  );
}
