import { addMemberRoute, listMembersRoute } from "@/server/http/handlers/teams";

export const GET = listMembersRoute;
export const POST = addMemberRoute;
