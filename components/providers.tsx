"use client";

import { ThemeProvider } from "next-themes";
import { TrpcReactProvider } from "./trpc/client";

export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      <TrpcReactProvider>{children}</TrpcReactProvider>
    </ThemeProvider>
  );
}
