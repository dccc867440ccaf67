import type { NextFunction, Request, Response } from 'express';
import { CORRELATION_HEADER, newCorrelationId, sanitizeCorrelationId, withCorrelationId } from '@fsl/logging';

/** Take the caller's X-Correlation-Id (if well-formed) or mint one; echo it; scope the request in it. */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const id = sanitizeCorrelationId(req.header(CORRELATION_HEADER)) ?? newCorrelationId();
  res.setHeader('X-Correlation-Id', id);
  withCorrelationId(id, next);
}
