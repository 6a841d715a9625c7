import Link from "next/link";

export function ForbiddenMessage() {
  return (
    <div className="flex min-h-[50vh] flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-brand-600">403</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">You don&apos;t have access to this page</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">
        Your role in this organization does not allow it. Ask an owner or admin if you need access.
      </p>
      <Link href="/" className="mt-6 text-sm font-medium text-brand-600 hover:text-brand-700">
        Back to the dashboard
      </Link>
    </div>
  );
}
