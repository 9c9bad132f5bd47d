import Link from "next/link";
import type { TeamRole } from "@/db/schema/enums";
import { RoleBadge } from "../teams/role-badge";
import { Card, CardDescription, CardHeader, CardTitle } from "../ui/card";

interface ProjectCardItem {
  id: string;
  name: string;
  description: string;
  teamName: string;
  role: TeamRole;
}

/** Project cards linking to each overview; `showTeam` adds the team and role where projects of several teams mix. */
export function ProjectCards({ projects, label, showTeam }: { projects: ProjectCardItem[]; label: string; showTeam?: boolean }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2" aria-label={label}>
      {projects.map((p) => (
        <li key={p.id}>
          <Link href={`/projects/${p.id}`} className="block rounded-lg focus-visible:ring-2 focus-visible:ring-ring">
            <Card className="h-full transition-colors hover:border-primary/50">
              <CardHeader>
                {showTeam ? (
                  <div className="flex items-center justify-between gap-2">
                    <p className="text-xs text-muted-foreground">{p.teamName}</p>
                    <RoleBadge role={p.role} />
                  </div>
                ) : null}
                <CardTitle>{p.name}</CardTitle>
                <CardDescription className="line-clamp-2">{p.description || "No description"}</CardDescription>
              </CardHeader>
            </Card>
          </Link>
        </li>
      ))}
    </ul>
  );
}
