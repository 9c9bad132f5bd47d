import Link from "next/link";
import { environmentHref, shortDigest } from "./format";

/**
 * How a job named its environment, linked to the environment's page: `name` or `name@3`; a digest
 * (what a reproduction records) is shortened, the full one in the title.
 */
export function SelectorLink({ projectId, selector }: { projectId: string; selector: string }) {
  const digest = /^(?:sha256:)?([0-9a-f]{64})$/.exec(selector)?.[1];
  if (digest) {
    return (
      <code className="font-mono text-xs" title={`sha256:${digest}`}>
        sha256:{shortDigest(digest)}
      </code>
    );
  }
  const [name, version] = selector.split("@");
  return (
    <Link href={environmentHref(projectId, name ?? selector, version ? Number(version) : undefined)} className="font-mono text-xs text-primary hover:underline">
      {selector}
    </Link>
  );
}
