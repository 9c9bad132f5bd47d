import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { serverCaller } from "@/server/trpc/server";

/** The model, or Next's not-found page (registry.model answers NOT_FOUND for models the viewer cannot see). */
export const loadModel = cache(async (modelId: string) => {
  try {
    return await (await serverCaller()).registry.model({ modelId });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});
