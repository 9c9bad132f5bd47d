"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

/**
 * A link for navigation that is on every page (header, tabs): prefetched when the pointer or focus
 * reaches it rather than when it scrolls into view, so that opening a data-heavy page does not also
 * make the server render every tab's page at the same moment.
 */
export function HoverPrefetchLink({ href, onMouseEnter, onFocus, ...props }: Omit<ComponentProps<typeof Link>, "prefetch" | "href"> & { href: string }) {
  const router = useRouter();
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={(e) => {
        router.prefetch(href);
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        router.prefetch(href);
        onFocus?.(e);
      }}
    />
  );
}
