import { signupRoute } from "@/server/http/handlers/auth";

export const POST = signupRoute;
