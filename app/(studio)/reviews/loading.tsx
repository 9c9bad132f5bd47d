import { LoadingRows, Skeleton } from "@/components/ui/states";

export default function ReviewsLoading() {
  return (
    <div className="flex flex-col gap-4">
      <Skeleton className="h-8 w-40" />
      <LoadingRows rows={3} label="Loading the review queue" />
    </div>
  );
}
