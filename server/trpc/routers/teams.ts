import { listTeamAudit } from "../../audit/list-audit";
import { ListTeamAuditInput } from "../../audit/schemas";
import { createInvite, listInvites, previewInvite, acceptInvite, revokeInvite } from "../../teams/invites";
import { addMember, changeMemberRole, listMembers, removeMember } from "../../teams/members";
import {
  AddMemberInput,
  ChangeRoleInput,
  CreateInviteInput,
  CreateTeamInput,
  InviteTokenInput,
  RemoveMemberInput,
  RevokeInviteInput,
  TeamRef,
  UpdateTeamInput,
} from "../../teams/schemas";
import { createTeam, deleteTeam, getTeam, listMyTeams, updateTeam } from "../../teams/teams";
import { authedProcedure, createTRPCRouter, publicProcedure } from "../init";

export const teamsRouter = createTRPCRouter({
  list: authedProcedure.query(({ ctx }) => listMyTeams({ ctx: ctx.svc })),
  get: authedProcedure.input(TeamRef).query(({ ctx, input }) => getTeam({ ctx: ctx.svc, input })),
  create: authedProcedure.input(CreateTeamInput).mutation(({ ctx, input }) => createTeam({ ctx: ctx.svc, input })),
  update: authedProcedure.input(UpdateTeamInput).mutation(({ ctx, input }) => updateTeam({ ctx: ctx.svc, input })),
  delete: authedProcedure.input(TeamRef).mutation(({ ctx, input }) => deleteTeam({ ctx: ctx.svc, input })),

  members: authedProcedure.input(TeamRef).query(({ ctx, input }) => listMembers({ ctx: ctx.svc, input })),
  addMember: authedProcedure.input(AddMemberInput).mutation(({ ctx, input }) => addMember({ ctx: ctx.svc, input })),
  changeRole: authedProcedure
    .input(ChangeRoleInput)
    .mutation(({ ctx, input }) => changeMemberRole({ ctx: ctx.svc, input })),
  removeMember: authedProcedure
    .input(RemoveMemberInput)
    .mutation(({ ctx, input }) => removeMember({ ctx: ctx.svc, input })),

  invites: authedProcedure.input(TeamRef).query(({ ctx, input }) => listInvites({ ctx: ctx.svc, input })),
  createInvite: authedProcedure
    .input(CreateInviteInput)
    .mutation(({ ctx, input }) => createInvite({ ctx: ctx.svc, input })),
  revokeInvite: authedProcedure
    .input(RevokeInviteInput)
    .mutation(({ ctx, input }) => revokeInvite({ ctx: ctx.svc, input })),
  previewInvite: publicProcedure
    .input(InviteTokenInput)
    .query(({ ctx, input }) => previewInvite({ ctx: ctx.svc, input })),
  acceptInvite: authedProcedure
    .input(InviteTokenInput)
    .mutation(({ ctx, input }) => acceptInvite({ ctx: ctx.svc, input })),

  audit: authedProcedure.input(ListTeamAuditInput).query(({ ctx, input }) => listTeamAudit({ ctx: ctx.svc, input })),
});
