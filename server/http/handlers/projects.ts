import { createProject, listProjects } from "../../projects/projects";
import { CreateProjectBody, ProjectBody, ProjectListBody } from "../contracts/projects";
import { TeamSlugParams } from "../contracts/teams";
import { restRoute } from "../route";

type ProjectRow = { id: string; teamSlug: string; name: string; slug: string; description: string; createdAt: Date };

const toWire = (p: ProjectRow) => ({
  id: p.id,
  team_slug: p.teamSlug,
  name: p.name,
  slug: p.slug,
  description: p.description,
  created_at: p.createdAt,
});

export const listProjectsRoute = restRoute({
  name: "GET /teams/{teamSlug}/projects",
  auth: "required",
  params: TeamSlugParams,
  response: ProjectListBody,
  handler: async ({ ctx, params }) => ({ projects: (await listProjects({ ctx, input: params })).map(toWire) }),
});

export const createProjectRoute = restRoute({
  name: "POST /teams/{teamSlug}/projects",
  auth: "required",
  params: TeamSlugParams,
  body: CreateProjectBody,
  response: ProjectBody,
  status: 201,
  handler: async ({ ctx, params, body }) => toWire(await createProject({ ctx, input: { ...body, teamSlug: params.teamSlug } })),
});
