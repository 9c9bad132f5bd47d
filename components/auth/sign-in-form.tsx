"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { SignInInput } from "@/server/auth/schemas";
import { Button } from "../ui/button";
import { FormField } from "../ui/form-field";
import { Input } from "../ui/input";
import { ErrorState } from "../ui/states";
import { authClient } from "./auth-client";
import { AuthCard, safeNext } from "./auth-card";

export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const next = safeNext(params.get("next"));
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SignInInput>({ resolver: zodResolver(SignInInput), mode: "onChange" });

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await authClient.signIn.email({ email: values.email, password: values.password });
    if (result.error) {
      setError(result.error.message ?? "Invalid email or password");
      return;
    }
    router.replace(next);
    router.refresh();
  });

  return (
    <AuthCard title="Sign in" subtitle="Welcome back.">
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        <FormField label="Email" error={form.formState.errors.email}>
          {(p) => <Input type="email" autoComplete="email" {...p} {...form.register("email")} />}
        </FormField>
        <FormField label="Password" error={form.formState.errors.password}>
          {(p) => <Input type="password" autoComplete="current-password" {...p} {...form.register("password")} />}
        </FormField>
        {error ? <ErrorState title="Could not sign in" error={{ message: error }} /> : null}
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Signing in…" : "Sign in"}
        </Button>
        <p className="text-center text-sm text-muted-foreground">
          No account?{" "}
          <Link className="text-primary hover:underline" href={`/sign-up${params.toString() ? `?${params}` : ""}`}>
            Sign up
          </Link>
        </p>
      </form>
    </AuthCard>
  );
}
