import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { serverCaller } from "@/server/trpc/server";

/**
 * The team and the viewer's role, or Next's not-found page for outsiders and missing teams.
 * Cached per request so the layout and the page share one lookup.
 */
export const loadTeam = cache(async (teamSlug: string) => {
  try {
    return await (await serverCaller()).teams.get({ teamSlug });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});
