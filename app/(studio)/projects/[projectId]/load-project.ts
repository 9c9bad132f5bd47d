import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { serverCaller } from "@/server/trpc/server";

/**
 * The project and the viewer's role, or Next's not-found page: projects.get answers NOT_FOUND both
 * for a missing project and for one in a team the viewer is not in. Cached per request.
 */
export const loadProject = cache(async (projectId: string) => {
  try {
    return await (await serverCaller()).projects.get({ projectId });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});
