import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logger.js';
import { httpRequestDuration } from './metrics.js';
import { childOf, inTrace, parseTraceparent, traceparentOf } from './trace.js';

const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Probes answer every few seconds: their lines go to debug, not to the access log. */
const probes = new Set(['/livez', '/readyz', '/healthz']);

/**
 * Issue 18 item 3: every request runs in a trace step, of the caller's trace when it sent a valid
 * `traceparent`, else of a new one; the answer names it (`traceresponse`, and `x-trace-id` for a
 * person to quote to support). When it is answered, one log line and one observation of
 * `procura_http_request_duration_seconds` under the route's TEMPLATE (never its ids).
 */
export function traceAndMeasureRequests(logger: Logger): RequestHandler {
  return (request, response, next) => {
    const context = childOf(parseTraceparent(request.get('traceparent')));
    response.setHeader('traceresponse', traceparentOf(context));
    response.setHeader('x-trace-id', context.traceId);
    const started = process.hrtime.bigint();
    response.once('close', () => {
      const route = routeTemplate(request, response);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const method = methods.has(request.method) ? request.method : 'OTHER';
      httpRequestDuration.observe({ method, route, status: String(response.statusCode) }, seconds);
      const line = { trace_id: context.traceId, method, route, status: response.statusCode, ms: Math.round(seconds * 1000) };
      if (probes.has(route)) logger.debug(line, 'request served');
      else logger.info(line, 'request served');
    });
    inTrace(context, next);
  };
}

/** `/api/v1/organizations/:orgId` rather than the path asked; the console's files and unknown paths as one label each. */
function routeTemplate(request: Request, response: Response): string {
  const route = request.route as { path?: unknown } | undefined;
  if (route && typeof route.path === 'string') return `${request.baseUrl}${route.path}`;
  if (response.statusCode === 404) return '(unmatched)';
  return '(console files)';
}
