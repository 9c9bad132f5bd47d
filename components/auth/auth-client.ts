"use client";

import { createAuthClient } from "better-auth/react";

/** better-auth's browser client: sign-in and sign-out. Sign-up goes through POST /api/v1/auth/signup. */
export const authClient = createAuthClient();
