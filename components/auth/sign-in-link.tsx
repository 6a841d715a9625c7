import Link from "next/link";

export function SignInLink() {
  return (
    <p className="text-center text-sm text-slate-600">
      Already have an account?{" "}
      <Link href="/login" className="font-medium text-brand-600 hover:text-brand-700">
        Sign in
      </Link>
    </p>
  );
}
