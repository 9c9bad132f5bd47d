"use client";

import { useQuery } from "@tanstack/react-query";
import { AuditTable } from "@/components/audit/audit-table";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokensTable } from "@/components/tokens/tokens-table";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";

export function TokensClient() {
  const trpc = useTRPC();
  const activity = useQuery(trpc.account.activity.queryOptions());

  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold">API tokens</h1>
        <p className="text-sm text-muted-foreground">
          Personal tokens for the CLI, agents, the Python SDK and the mlflow client. Send one as{" "}
          <code className="rounded bg-muted px-1 text-xs">Authorization: Bearer &lt;token&gt;</code>.
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>New token</CardTitle>
          <CardDescription>A token acts as you: it can do exactly what you can, in every team you are in.</CardDescription>
        </CardHeader>
        <CardContent>
          <CreateTokenForm />
        </CardContent>
      </Card>
      <section aria-labelledby="tokens-heading" className="flex flex-col gap-3">
        <h2 id="tokens-heading" className="text-lg font-semibold">
          Your tokens
        </h2>
        <TokensTable />
      </section>
      <section aria-labelledby="activity-heading" className="flex flex-col gap-3">
        <div>
          <h2 id="activity-heading" className="text-lg font-semibold">
            Recent account activity
          </h2>
          <p className="text-sm text-muted-foreground">Sign-up and token changes; team activity is in each team’s audit log.</p>
        </div>
        {activity.isPending ? (
          <LoadingRows label="Loading activity" />
        ) : activity.isError ? (
          <ErrorState title="Could not load your activity" error={activity.error} />
        ) : activity.data.length === 0 ? (
          <EmptyState title="No account activity yet" />
        ) : (
          <AuditTable entries={activity.data} label="Recent account activity" />
        )}
      </section>
    </div>
  );
}
