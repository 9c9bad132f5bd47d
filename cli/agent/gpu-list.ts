/** "0,1" → [0, 1]; null when unset, empty, or not plain indices (GPU UUIDs, "NoDevFiles"). */
export function parseGpuList(value: string | undefined): number[] | null {
  if (value === undefined || value.trim() === "") return null;
  const parts = value.split(",").map((p) => p.trim());
  if (!parts.every((p) => /^\d+$/.test(p))) return null;
  return parts.map(Number);
}
