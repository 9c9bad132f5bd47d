import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { EnvironmentName } from "@/server/environments/schemas";
import { serverCaller } from "@/server/trpc/server";

/**
 * An environment's versions, newest first, or Next's not-found page: for a name that is not an
 * environment of this project, or not a valid name at all. Cached per request.
 */
export const loadEnvironmentVersions = cache(async (projectId: string, name: string) => {
  if (!EnvironmentName.safeParse(name).success) notFound();
  try {
    return await (await serverCaller()).environments.versions({ projectId, name });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});
