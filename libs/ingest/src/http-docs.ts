import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { PROBLEM_JSON } from '@fsl/http';

const problem = { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Problem' } } };

const retryAfter = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', format: 'int32', minimum: 1 } },
};

/** The listed error statuses, plus the 503 every operation of this service can answer. */
export function problemResponses(statuses: Record<number, string>): MethodDecorator {
  return applyDecorators(
    ...Object.entries(statuses).map(([status, description]) => ApiResponse({ status: Number(status), description, content: problem })),
    ApiResponse({ status: 503, description: 'Kafka, Postgres or the job queue unavailable: nothing was accepted; retry after the given delay', content: problem, headers: retryAfter }),
  );
}

/** The request's media type without parameters, lower-case ('' when absent). */
export function mediaType(req: Request): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}
