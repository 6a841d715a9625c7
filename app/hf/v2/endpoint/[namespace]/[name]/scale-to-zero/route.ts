import { hfScaleToZero } from "@/lib/hf/actions";

export const POST = hfScaleToZero;
