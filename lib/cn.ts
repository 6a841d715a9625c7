import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/** Joins class names, skipping falsy ones; a later Tailwind class wins over an earlier one of its kind (w-32 over w-full). */
export function cn(...classes: ClassValue[]): string {
  return twMerge(clsx(classes));
}
