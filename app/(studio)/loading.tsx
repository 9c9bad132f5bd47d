import { LoadingRows, Skeleton } from "@/components/ui/states";

export default function StudioLoading() {
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Skeleton className="h-7 w-48" />
        <Skeleton className="h-4 w-72" />
      </div>
      <LoadingRows rows={4} label="Loading page" />
    </div>
  );
}
