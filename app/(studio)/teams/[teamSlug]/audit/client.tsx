"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { AuditTable } from "@/components/audit/audit-table";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { AUDIT_PAGE_SIZE, auditHref, parseBefore } from "./search-params";

export function AuditClient({ teamSlug }: { teamSlug: string }) {
  const trpc = useTRPC();
  const before = parseBefore(useSearchParams().get("before"));
  const audit = useQuery(trpc.teams.audit.queryOptions({ teamSlug, limit: AUDIT_PAGE_SIZE, before }));
  const entries = audit.data ?? [];
  const oldest = entries.at(-1)?.id;

  return (
    <section aria-labelledby="audit-heading" className="flex flex-col gap-3">
      <div>
        <h2 id="audit-heading" className="text-lg font-semibold">
          Audit log
        </h2>
        <p className="text-sm text-muted-foreground">
          Every change to this team, newest first. Records are append-only and cannot be edited.
        </p>
      </div>
      {audit.isPending ? (
        <LoadingRows rows={5} label="Loading audit log" />
      ) : audit.isError ? (
        <ErrorState
          title={
            audit.error.data?.code === "FORBIDDEN"
              ? "Only owners and admins can read the audit log"
              : "Could not load the audit log"
          }
          error={audit.error}
        />
      ) : entries.length === 0 ? (
        <EmptyState title={before ? "No older entries" : "No entries yet"} />
      ) : (
        <AuditTable entries={entries} label="Audit log entries" />
      )}
      {before || (oldest && entries.length === AUDIT_PAGE_SIZE) ? (
        <nav aria-label="Audit log pages" className="flex justify-end gap-2">
          {before ? (
            <Button asChild variant="outline" size="sm">
              <Link href={auditHref(teamSlug)}>Newest</Link>
            </Button>
          ) : null}
          {oldest && entries.length === AUDIT_PAGE_SIZE ? (
            <Button asChild variant="outline" size="sm">
              <Link href={auditHref(teamSlug, oldest)}>Older</Link>
            </Button>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
