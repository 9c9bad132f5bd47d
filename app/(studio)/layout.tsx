import { redirect } from "next/navigation";
import { StudioShell } from "@/components/layout/studio-shell";
import { serverCaller } from "@/server/trpc/server";

export const dynamic = "force-dynamic";

export default async function StudioLayout({ children }: { children: React.ReactNode }) {
  const { user } = await (await serverCaller()).account.me();
  if (!user) redirect("/sign-in");
  return <StudioShell user={{ name: user.name, email: user.email, isAdmin: user.isAdmin }}>{children}</StudioShell>;
}
