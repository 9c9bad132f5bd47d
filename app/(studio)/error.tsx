"use client";

import { RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";

// Server errors reach here without their message (the server never sends 5xx details), so the
// digest is what a user can quote to an operator.
export default function StudioError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  function retry() {
    startTransition(() => {
      router.refresh();
      reset();
    });
  }
  return (
    <div className="mx-auto flex max-w-lg flex-col gap-4">
      <h1 className="text-xl font-semibold">This page could not be shown</h1>
      <ErrorState
        title="Something went wrong"
        error={{ message: error.digest ? `Reference: ${error.digest}` : error.message }}
      />
      <div>
        <Button onClick={retry}>
          <RotateCcw aria-hidden /> Try again
        </Button>
      </div>
    </div>
  );
}
