// Where the registry's pages live, in one place.
export const modelsHref = (projectId: string) => `/projects/${projectId}/models`;
export const modelHref = (projectId: string, modelId: string) => `/projects/${projectId}/models/${modelId}`;
export const promotionHref = (projectId: string, promotionId: string) => `/projects/${projectId}/promotions/${promotionId}`;
export const runPageHref = (projectId: string, runId: string) => `/projects/${projectId}/runs/${runId}`;
