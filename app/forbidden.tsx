import { ForbiddenMessage } from "@/components/errors/forbidden-message";

export default function Forbidden() {
  return (
    <main>
      <ForbiddenMessage />
    </main>
  );
}
