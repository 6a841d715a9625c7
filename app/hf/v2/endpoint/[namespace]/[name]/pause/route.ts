import { hfPause } from "@/lib/hf/actions";

export const POST = hfPause;
