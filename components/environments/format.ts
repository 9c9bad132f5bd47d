/** `sha256` hex digests are shown by their first 12 characters, like git's short hashes. */
export const shortDigest = (digest: string) => digest.slice(0, 12);

/** How a job names one version: `name@3`. */
export const versionSelector = (name: string, version: number) => `${name}@${version}`;

/** An environment's page; `v` is the version it opens on (the page's search-params.ts reads it). */
export function environmentHref(projectId: string, name: string, version?: number): string {
  return `/projects/${projectId}/environments/${encodeURIComponent(name)}${version === undefined ? "" : `?v=${version}`}`;
}
