import nextPlugin from "@next/eslint-plugin-next";
import drizzle from "eslint-plugin-drizzle";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

// Import boundaries (CONVENTIONS 13). Pure modules that client code may import as values: zod
// schemas, the permission table and the enum lists. Everything else in server/ and db/ is types only.
const dbValues = {
  regex: "^(@/|(\\.\\./)+)db(/(?!schema/enums$).*)?$",
  message: "Call a service verb instead of touching db/ here (only db/schema/enums is shared).",
  allowTypeImports: true,
};
const serverValues = {
  regex: "^(@/|(\\.\\./)+)server/(?!.*/schemas$|auth/permissions$).*$",
  message: "Client code may import only server/*/schemas and server/auth/permissions as values.",
  allowTypeImports: true,
};

export default tseslint.config(
  {
    ignores: [".next/**", "node_modules/**", "cli/dist/**", ".trainyard/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "sdk/**"],
  },
  ...tseslint.configs.recommended,
  {
    plugins: { "@next/next": nextPlugin, "react-hooks": reactHooks, drizzle, "import-x": importX },
    settings: { "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })] },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Transports and routes call verbs; they never reach into the database themselves.
    files: ["app/**/*.{ts,tsx}", "server/trpc/**/*.{ts,tsx}", "server/http/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [dbValues] }] },
  },
  {
    // Client code: components and the interactive half of each page.
    files: ["components/**/*.{ts,tsx}", "app/**/client.tsx"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [dbValues, serverValues] }] },
  },
  {
    // The CLI talks to the server over HTTP only; the wire contracts are the one part it may share.
    files: ["cli/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [dbValues, { ...serverValues, regex: "^(@/|(\\.\\./)+)server/(?!http/contracts/).*$" }] },
      ],
    },
  },
);
