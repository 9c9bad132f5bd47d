import { addMember, listMembers } from "../../teams/members";
import { createTeam, listMyTeams } from "../../teams/teams";
import {
  AddMemberBody,
  CreateTeamBody,
  MemberBody,
  MemberListBody,
  TeamBody,
  TeamListBody,
  TeamSlugParams,
} from "../contracts/teams";
import { restRoute } from "../route";

export const listTeamsRoute = restRoute({
  name: "GET /teams",
  auth: "required",
  response: TeamListBody,
  handler: async ({ ctx }) => ({
    teams: (await listMyTeams({ ctx })).map((t) => ({
      id: t.id,
      name: t.name,
      slug: t.slug,
      role: t.role,
      created_at: t.createdAt,
    })),
  }),
});

export const createTeamRoute = restRoute({
  name: "POST /teams",
  auth: "required",
  body: CreateTeamBody,
  response: TeamBody,
  status: 201,
  handler: async ({ ctx, body }) => {
    const team = await createTeam({ ctx, input: body });
    return { id: team.id, name: team.name, slug: team.slug, role: "owner" as const, created_at: team.createdAt };
  },
});

export const listMembersRoute = restRoute({
  name: "GET /teams/{teamSlug}/members",
  auth: "required",
  params: TeamSlugParams,
  response: MemberListBody,
  handler: async ({ ctx, params }) => ({
    members: (await listMembers({ ctx, input: params })).map((m) => ({
      user_id: m.userId,
      email: m.email,
      name: m.name,
      role: m.role,
    })),
  }),
});

export const addMemberRoute = restRoute({
  name: "POST /teams/{teamSlug}/members",
  auth: "required",
  params: TeamSlugParams,
  body: AddMemberBody,
  response: MemberBody,
  status: 201,
  handler: async ({ ctx, params, body }) => {
    const m = await addMember({ ctx, input: { teamSlug: params.teamSlug, email: body.email, role: body.role } });
    return { user_id: m.userId, email: m.email, name: m.name, role: m.role };
  },
});
