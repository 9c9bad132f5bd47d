import { SearchX } from "lucide-react";
import Link from "next/link";
import { Button } from "../ui/button";

/**
 * What an outsider sees for a team or project they cannot read: the same answer as for one that
 * does not exist, so the page reveals nothing about it.
 */
export function NotFoundPanel({
  title = "Page not found",
  description = "It does not exist, or you are not a member of the team it belongs to.",
  href = "/projects",
  linkLabel = "Back to projects",
}: {
  title?: string;
  description?: string;
  href?: string;
  linkLabel?: string;
}) {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-3 rounded-lg border border-dashed p-10 text-center">
      <SearchX className="size-8 text-muted-foreground" aria-hidden />
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="text-sm text-muted-foreground">{description}</p>
      <Button asChild variant="outline" className="mt-2">
        <Link href={href}>{linkLabel}</Link>
      </Button>
    </div>
  );
}
