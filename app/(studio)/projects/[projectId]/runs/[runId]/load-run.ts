import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { serverCaller } from "@/server/trpc/server";

/** The run, or Next's not-found page (runs.get answers NOT_FOUND for runs the viewer cannot see). */
export const loadRun = cache(async (runId: string) => {
  try {
    return await (await serverCaller()).runs.get({ runId });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});
