import { LoadingRows, Skeleton } from "@/components/ui/states";

export default function PromotionLoading() {
  return (
    <div className="flex flex-col gap-4">
      <Skeleton className="h-7 w-80" />
      <LoadingRows rows={4} label="Loading promotion request" />
    </div>
  );
}
