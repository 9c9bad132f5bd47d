import { LoadingRows, Skeleton } from "@/components/ui/states";

export default function ModelLoading() {
  return (
    <div className="flex flex-col gap-4">
      <Skeleton className="h-7 w-48" />
      <LoadingRows rows={4} label="Loading model" />
    </div>
  );
}
