"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { DateTime } from "@/components/audit/date-time";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { roleDescriptions } from "@/server/auth/permissions";

const closedReason: Record<"revoked" | "accepted" | "expired", string> = {
  revoked: "A team admin revoked it. Ask them for a new link.",
  accepted: "It has already been used. Each invite link works once; ask for a new one.",
  expired: "It has expired. Ask a team admin for a new link.",
};

export function InviteClient({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const preview = useQuery(trpc.teams.previewInvite.queryOptions({ token }, { retry: false }));
  const me = useQuery(trpc.account.me.queryOptions());
  const accept = useMutation(
    trpc.teams.acceptInvite.mutationOptions({
      onSuccess: async (joined) => {
        await queryClient.invalidateQueries({ queryKey: trpc.teams.list.queryKey() });
        router.push(`/teams/${joined.teamSlug}`);
      },
    }),
  );

  if (preview.isPending || me.isPending) {
    return (
      <AuthCard title="Team invite">
        <LoadingRows rows={2} label="Loading invite" />
      </AuthCard>
    );
  }
  if (preview.isError) {
    const invalid = preview.error.data?.code === "NOT_FOUND" || preview.error.data?.code === "BAD_REQUEST";
    return (
      <AuthCard title={invalid ? "Invite not found" : "Could not open the invite"}>
        <ErrorState
          title={invalid ? "This invite link is not valid" : "Something went wrong"}
          error={invalid ? { message: "Check that you copied the whole link, or ask for a new one." } : preview.error}
        />
      </AuthCard>
    );
  }

  const invite = preview.data;
  if (invite.status !== "open") {
    return (
      <AuthCard title="This invite can no longer be used" subtitle={`It was an invite to ${invite.teamName}.`}>
        <p className="text-sm text-muted-foreground">{closedReason[invite.status]}</p>
        {invite.status === "expired" ? (
          <p className="mt-2 text-xs text-muted-foreground">
            Expired <DateTime value={invite.expiresAt} />
          </p>
        ) : null}
      </AuthCard>
    );
  }

  const user = me.data?.user ?? null;
  return (
    <AuthCard title={`Join ${invite.teamName} as ${invite.role}`} subtitle={roleDescriptions[invite.role]}>
      <div className="flex flex-col gap-4">
        <p className="text-xs text-muted-foreground">
          This link expires <DateTime value={invite.expiresAt} />.
        </p>
        {user ? (
          <>
            <p className="text-sm">
              Signed in as <span className="font-medium">{user.name}</span>{" "}
              <span className="text-muted-foreground">({user.email})</span>
            </p>
            {accept.error ? (
              <ErrorState title="Could not accept the invite" error={accept.error} />
            ) : null}
            {accept.error?.data?.code === "CONFLICT" ? (
              <Button asChild variant="outline">
                <Link href={`/teams/${invite.teamSlug}`}>Open {invite.teamName}</Link>
              </Button>
            ) : (
              <Button onClick={() => accept.mutate({ token })} disabled={accept.isPending || accept.isSuccess}>
                {accept.isPending || accept.isSuccess ? "Joining…" : "Accept invite"}
              </Button>
            )}
          </>
        ) : (
          <>
            <Button asChild>
              <Link href={`/sign-up?invite=${encodeURIComponent(token)}`}>Sign up to join</Link>
            </Button>
            <Button asChild variant="outline">
              <Link href={`/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`}>Sign in</Link>
            </Button>
            <p className="text-center text-xs text-muted-foreground">Already have an account? Sign in, then accept.</p>
          </>
        )}
      </div>
    </AuthCard>
  );
}
