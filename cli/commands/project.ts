import type { Endpoint } from "../http/request";
import { UsageError } from "../options";
import { userApi } from "../user-api";

/** Accepts a project id (`prj_…`) as is, or finds the id of a `team/project` slug pair. */
export async function resolveProjectId(endpoint: Endpoint, project: string): Promise<string> {
  if (!project.includes("/")) return project;
  const [team, slug, ...rest] = project.split("/");
  if (!team || !slug || rest.length > 0) throw new UsageError(`--project expects prj_… or team/project, got "${project}"`);
  const { projects } = await userApi.teamProjects(endpoint, team);
  const found = projects.find((p) => p.slug === slug);
  if (!found) throw new UsageError(`team ${team} has no project "${slug}"`);
  return found.id;
}
