import { z } from "zod";

export const CreateTokenInput = z.object({
  name: z.string().trim().min(1, "Name is required").max(80),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateTokenInput = z.infer<typeof CreateTokenInput>;

export const RevokeTokenInput = z.object({ tokenId: z.string().min(1) });
export type RevokeTokenInput = z.infer<typeof RevokeTokenInput>;
