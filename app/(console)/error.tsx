"use client";

export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-xl bg-red-50 p-6 ring-1 ring-red-200">
      <h2 className="font-semibold text-red-800">Something went wrong</h2>
      <p className="mt-1 text-sm text-red-700">
        {error.message || "The server could not complete this request."}
        {error.digest ? ` (reference ${error.digest})` : null}
      </p>
      <button type="button" onClick={reset} className="mt-4 text-sm font-medium text-red-800 underline">
        Try again
      </button>
    </div>
  );
}
