"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { SignUpInput } from "@/server/auth/schemas";
import { Button } from "../ui/button";
import { FormField } from "../ui/form-field";
import { Input } from "../ui/input";
import { ErrorState } from "../ui/states";
import { AuthCard, safeNext } from "./auth-card";

type Values = z.input<typeof SignUpInput>;

export function SignUpForm() {
  const router = useRouter();
  const params = useSearchParams();
  const invite = params.get("invite") ?? undefined;
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(SignUpInput), mode: "onChange" });

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const response = await fetch("/api/v1/auth/signup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...values, invite_token: invite }),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(body?.error?.message ?? `Sign-up failed (${response.status})`);
      return;
    }
    router.replace(safeNext(params.get("next")));
    router.refresh();
  });

  return (
    <AuthCard
      title="Create your account"
      subtitle={invite ? "You will join the team that invited you." : "The first account becomes the instance admin."}
    >
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        <FormField label="Name" error={form.formState.errors.name}>
          {(p) => <Input autoComplete="name" {...p} {...form.register("name")} />}
        </FormField>
        <FormField label="Email" error={form.formState.errors.email}>
          {(p) => <Input type="email" autoComplete="email" {...p} {...form.register("email")} />}
        </FormField>
        <FormField label="Password" error={form.formState.errors.password} hint="At least 8 characters">
          {(p) => <Input type="password" autoComplete="new-password" {...p} {...form.register("password")} />}
        </FormField>
        {error ? <ErrorState title="Could not sign up" error={{ message: error }} /> : null}
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Creating account…" : "Sign up"}
        </Button>
        <p className="text-center text-sm text-muted-foreground">
          Have an account?{" "}
          <Link className="text-primary hover:underline" href={`/sign-in${params.toString() ? `?${params}` : ""}`}>
            Sign in
          </Link>
        </p>
      </form>
    </AuthCard>
  );
}
