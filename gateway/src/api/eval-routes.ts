/**
 * Helicone's evals API (rest-api-spec E1–E4, §4.3) over the scores `POST /v1/request/:id/score`
 * writes: add one score, list the score names, summarise them, and their distributions. Every route
 * answers `{data, error}` and needs a gateway key when keys exist.
 */
import { evalQuerySchema, evalScoreSchema } from '../evals/eval-schemas.js';
import { queryEvals } from '../evals/eval-summary.js';
import { queryScoreDistributions } from '../evals/score-distribution.js';
import { scoreNames } from '../evals/score-names.js';
import { setScores } from '../query/annotations.js';
import type { Route } from '../server/router.js';
import { apiRoute, readBody, requestIdParam, sendData } from './http.js';
import { notFound, requestState } from './routes.js';

export const evalRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v1/evals/scores',
    handler: apiRoute(async (ctx) => {
      await ctx.gateway.logQueue.flushBeforeRead();
      sendData(ctx.res, await scoreNames(ctx.gateway.store.sql));
    }),
  },
  // Before /v1/evals/:requestId, which would take "query" for a request id.
  {
    method: 'POST',
    pattern: '/v1/evals/query',
    handler: apiRoute(async (ctx) => {
      const query = await readBody(ctx, evalQuerySchema);
      await ctx.gateway.logQueue.flushBeforeRead();
      sendData(ctx.res, await queryEvals(ctx.gateway.store.sql, query));
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/evals/score-distributions/query',
    handler: apiRoute(async (ctx) => {
      const query = await readBody(ctx, evalQuerySchema);
      await ctx.gateway.logQueue.flushBeforeRead();
      sendData(ctx.res, await queryScoreDistributions(ctx.gateway.store.sql, query));
    }),
  },
  {
    method: 'POST',
    pattern: '/v1/evals/:requestId',
    handler: apiRoute(async (ctx) => {
      const requestId = requestIdParam(ctx);
      const { name, score } = await readBody(ctx, evalScoreSchema);
      // As the score route: a score may come while its request is still being served.
      if ((await requestState(ctx.gateway, requestId)) === 'unknown') throw notFound(requestId);
      await setScores(ctx.gateway.store.sql, requestId, { [name]: typeof score === 'boolean' ? Number(score) : score }, Date.now());
      sendData(ctx.res, null);
    }),
  },
];
