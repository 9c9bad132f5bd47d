"use client";

import { KeyRound, LogOut } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { authClient } from "../auth/auth-client";
import { ReviewCountBadge } from "../models/review-count-badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { HoverPrefetchLink } from "../ui/hover-prefetch-link";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "../ui/dropdown-menu";
import { Switchers } from "./switchers";
import { ThemeToggle } from "./theme-toggle";

interface ShellUser {
  name: string;
  email: string;
  isAdmin: boolean;
}

const nav: { href: string; label: string; badge?: React.ReactNode }[] = [
  { href: "/projects", label: "Projects" },
  { href: "/teams", label: "Teams" },
  { href: "/reviews", label: "Reviews", badge: <ReviewCountBadge /> },
];

export function StudioShell({ user, children }: { user: ShellUser; children: React.ReactNode }) {
  const pathname = usePathname();
  const router = useRouter();
  async function signOut() {
    await authClient.signOut();
    router.replace("/sign-in");
    router.refresh();
  }
  return (
    <div className="flex min-h-screen flex-col">
      <header className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4">
          <Link href="/projects" className="font-semibold tracking-tight">
            Trainyard
          </Link>
          <span className="text-muted-foreground">/</span>
          <Switchers />
          <nav aria-label="Main" className="ml-4 flex items-center gap-1">
            {nav.map((item) => (
              <HoverPrefetchLink
                key={item.href}
                href={item.href}
                aria-current={pathname.startsWith(item.href) ? "page" : undefined}
                className={cn(
                  "rounded-md px-3 py-1.5 text-sm text-muted-foreground hover:bg-accent hover:text-foreground",
                  pathname.startsWith(item.href) && "bg-accent text-foreground",
                )}
              >
                {item.label}
                {item.badge}
              </HoverPrefetchLink>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-1">
            <ThemeToggle />
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="ghost" size="sm" data-testid="user-menu">
                  {user.name}
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent>
                <DropdownMenuLabel>
                  {user.email}
                  {user.isAdmin ? " · instance admin" : ""}
                </DropdownMenuLabel>
                <DropdownMenuItem asChild>
                  <Link href="/settings/tokens">
                    <KeyRound /> API tokens
                  </Link>
                </DropdownMenuItem>
                <DropdownMenuSeparator />
                <DropdownMenuItem onSelect={signOut}>
                  <LogOut /> Sign out
                </DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">{children}</main>
    </div>
  );
}
