import { createTeamRoute, listTeamsRoute } from "@/server/http/handlers/teams";

export const GET = listTeamsRoute;
export const POST = createTeamRoute;
