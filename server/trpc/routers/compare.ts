import { packChartSeries } from "../../compare/packed-series";
import { queryCharts } from "../../compare/query-charts";
import { ChartQueryInput } from "../../compare/schemas";
import { authedProcedure, createTRPCRouter } from "../init";

export const compareRouter = createTRPCRouter({
  /** The chart query, with each series' numbers packed (see compare/schemas packedColumns). */
  chart: authedProcedure.input(ChartQueryInput).query(async ({ ctx, input }) => {
    const { series } = await queryCharts({ ctx: ctx.svc, input });
    return { series: series.map(packChartSeries) };
  }),
});
