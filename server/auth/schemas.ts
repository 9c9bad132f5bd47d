import { z } from "zod";

export const SignUpInput = z.object({
  name: z.string().trim().min(1, "Name is required").max(80),
  email: z.email("Enter a valid email").transform((e) => e.toLowerCase()),
  password: z.string().min(8, "At least 8 characters").max(256),
  inviteToken: z.string().max(200).optional(),
});
export type SignUpInput = z.input<typeof SignUpInput>;

export const SignInInput = z.object({
  email: z.email("Enter a valid email"),
  password: z.string().min(1, "Password is required"),
});
export type SignInInput = z.infer<typeof SignInInput>;

export const TokenForCredentialsInput = SignInInput.extend({
  name: z.string().trim().min(1).max(80).default("automation"),
});
export type TokenForCredentialsInput = z.input<typeof TokenForCredentialsInput>;
