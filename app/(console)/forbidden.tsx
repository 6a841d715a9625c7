import { ForbiddenMessage } from "@/components/errors/forbidden-message";

// Inside the console's layout, so the header still says who is signed in.
export default function ConsoleForbidden() {
  return <ForbiddenMessage />;
}
