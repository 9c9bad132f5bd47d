import { cn } from "../ui/cn";

/**
 * Whether a version can be rebuilt exactly: every package at one version, hashes in the lockfile,
 * the image by digest. The text is the word itself, so tests and scripts read "pinned"/"unpinned".
 */
export function PinnedBadge({ pinned, className, ...props }: { pinned: boolean } & React.HTMLAttributes<HTMLSpanElement>) {
  return (
    <span
      data-testid="pinned-badge"
      data-pinned={pinned}
      className={cn(
        "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium",
        pinned ? "bg-success/15 text-success" : "border border-dashed border-amber-500/60 text-amber-700 dark:text-amber-400",
        className,
      )}
      {...props}
    >
      {pinned ? "pinned" : "unpinned"}
    </span>
  );
}
