import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/projects/not-found-panel";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <NotFoundPanel description="There is nothing at this address." />
    </main>
  );
}
