import { hfResume } from "@/lib/hf/actions";

export const POST = hfResume;
