"use client";

import { skipToken, useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { AliasHistory } from "@/components/models/alias-history";
import { AliasesCard } from "@/components/models/aliases-card";
import { modelsHref } from "@/components/models/links";
import { ModelHeader } from "@/components/models/model-header";
import { PromotionsTable } from "@/components/models/promotions-table";
import { RequestPromotionDialog, type RequestPreset } from "@/components/models/request-promotion-dialog";
import { VersionsTable } from "@/components/models/versions-table";
import { useUrlState } from "@/components/runs/use-url-state";
import { useTRPC } from "@/components/trpc/client";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { can } from "@/server/auth/permissions";
import { parseModelView, serializeModelView } from "./search-params";

const ALL = "__all__";

export function ModelClient({ projectId, modelId }: { projectId: string; modelId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  const model = useQuery(trpc.registry.model.queryOptions({ modelId }));
  const versions = useQuery(trpc.registry.versions.queryOptions({ modelId }));
  const aliases = useQuery(trpc.registry.aliases.queryOptions({ modelId }));
  const history = useQuery(trpc.registry.aliasHistory.queryOptions({ modelId }));
  const promotions = useQuery(trpc.registry.promotions.queryOptions({ modelId }));
  const policies = useQuery(trpc.registry.policies.queryOptions({ projectId }));
  const teamSlug = project.data?.teamSlug;
  const members = useQuery(trpc.teams.members.queryOptions(teamSlug ? { teamSlug } : skipToken));
  const names = useMemo(() => new Map(members.data?.map((m) => [m.userId, m.name])), [members.data]);
  const userName = useCallback((userId: string) => names.get(userId), [names]);
  const [view, setView] = useUrlState(parseModelView, serializeModelView);
  const [request, setRequest] = useState<RequestPreset | null>(null);
  const role = project.data?.role;
  const canWrite = can(role, "models:write");
  const canRequest = can(role, "promotions:request") && (versions.data?.length ?? 0) > 0;

  const back = (
    <Link href={modelsHref(projectId)} className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeft className="size-4" aria-hidden /> All models
    </Link>
  );
  if (model.isPending) return <LoadingRows rows={4} label="Loading model" />;
  if (model.isError) {
    return (
      <div className="flex flex-col gap-4">
        {back}
        <ErrorState title="Could not load the model" error={model.error} />
      </div>
    );
  }

  const historyAliases = [...new Set(history.data?.map((e) => e.alias))].sort();
  const shownHistory = view.history ? history.data?.filter((e) => e.alias === view.history) : history.data;

  return (
    <div className="flex flex-col gap-6">
      {back}
      <ModelHeader key={model.data.id} model={model.data} canWrite={canWrite} versionCount={versions.data?.length ?? 0} />
      {aliases.isError || policies.isError ? (
        <ErrorState title="Could not load the aliases" error={aliases.error ?? policies.error} />
      ) : aliases.data && policies.data ? (
        <AliasesCard aliases={aliases.data} policies={policies.data} canRequest={canRequest} onRequest={setRequest} />
      ) : (
        <LoadingRows rows={2} label="Loading aliases" />
      )}

      <section aria-labelledby="versions-heading" className="flex flex-col gap-2">
        <h3 id="versions-heading" className="text-base font-semibold">
          Versions
        </h3>
        {versions.isPending ? (
          <LoadingRows label="Loading versions" />
        ) : versions.isError ? (
          <ErrorState title="Could not load the versions" error={versions.error} />
        ) : (
          <VersionsTable
            projectId={projectId}
            versions={versions.data}
            userName={userName}
            canRequest={canRequest}
            onRequest={(version) => setRequest({ version })}
          />
        )}
      </section>

      <section aria-labelledby="promotions-heading" className="flex flex-col gap-2">
        <h3 id="promotions-heading" className="text-base font-semibold">
          Promotion requests
        </h3>
        {promotions.isPending ? (
          <LoadingRows label="Loading promotion requests" />
        ) : promotions.isError ? (
          <ErrorState title="Could not load the promotion requests" error={promotions.error} />
        ) : (
          <PromotionsTable projectId={projectId} promotions={promotions.data} />
        )}
      </section>

      <section aria-labelledby="history-heading" className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 id="history-heading" className="text-base font-semibold">
            Alias history
          </h3>
          {historyAliases.length > 1 ? (
            <Select value={view.history ?? ALL} onValueChange={(v) => setView({ history: v === ALL ? null : v })}>
              <SelectTrigger className="w-44" aria-label="Show the history of">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ALL}>All aliases</SelectItem>
                {historyAliases.map((a) => (
                  <SelectItem key={a} value={a}>
                    {a}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          ) : null}
        </div>
        {history.isPending ? (
          <LoadingRows label="Loading alias history" />
        ) : history.isError ? (
          <ErrorState title="Could not load the alias history" error={history.error} />
        ) : (
          <AliasHistory projectId={projectId} entries={shownHistory ?? []} />
        )}
      </section>

      {versions.data && aliases.data && policies.data ? (
        <RequestPromotionDialog
          projectId={projectId}
          modelId={modelId}
          versions={versions.data}
          aliases={aliases.data}
          policies={policies.data}
          preset={request}
          onClose={() => setRequest(null)}
        />
      ) : null}
    </div>
  );
}
