import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { serverCaller } from "@/server/trpc/server";

/** The request with all it shows, or Next's not-found page for one the viewer cannot see. */
export const loadPromotion = cache(async (promotionId: string) => {
  try {
    return await (await serverCaller()).registry.promotion({ promotionId });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});
