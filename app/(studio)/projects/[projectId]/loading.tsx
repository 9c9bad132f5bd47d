import { LoadingRows, Skeleton } from "@/components/ui/states";

export default function ProjectLoading() {
  return (
    <div className="flex flex-col gap-6">
      <Skeleton className="h-14 w-72" />
      <LoadingRows rows={3} label="Loading project" />
    </div>
  );
}
