import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { currentCorrelationId } from '@fsl/logging';
import { PROBLEM_JSON } from './problem.filter';
import { HEALTH_CHECKS } from './tokens';
import { problemType } from './errors';

export interface HealthCheck {
  name: string;
  /** Resolve true when the dependency answers; a check that takes longer than the limit counts as down. */
  isUp(): Promise<boolean>;
}

export const STATUS_RETRY_AFTER_SECONDS = 5;

/**
 * How long one check may take. A dependency that hangs (a database that accepts connections and never
 * answers) must turn the status red, not keep the prober waiting past its own timeout.
 */
export const HEALTH_CHECK_TIMEOUT_MS = 2000;

function withinLimit(check: HealthCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), HEALTH_CHECK_TIMEOUT_MS);
  });
  return Promise.race([check.isUp().catch(() => false), timeout]).finally(() => clearTimeout(timer));
}

@ApiTags('status')
@Controller()
export class StatusController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[]) {}

  @Get('status')
  @ApiOperation({ summary: 'Service status', description: 'Answers 200 when every dependency is up, 503 otherwise.' })
  @ApiResponse({
    status: 200,
    description: 'Up',
    content: {
      [PROBLEM_JSON]: {
        schema: { $ref: '#/components/schemas/Status' },
        example: { type: 'about:blank', title: 'OK', status: 200, checks: { postgres: 'up', redis: 'up' }, correlationId: '6f0b6a3e-2c1d-4f7a-9a51-0c6f2d1e8b47' },
      },
    },
  })
  @ApiResponse({ status: 503, description: 'A dependency is down', content: { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Status' } } } })
  async status(@Res() res: Response): Promise<void> {
    const results = await Promise.all(
      this.checks.map(async (c) => [c.name, await withinLimit(c)] as const),
    );
    const down = results.filter(([, up]) => !up).map(([name]) => name);
    const checks = Object.fromEntries(results.map(([name, up]) => [name, up ? 'up' : 'down']));
    const status = down.length === 0 ? 200 : 503;
    const body = {
      type: status === 200 ? 'about:blank' : problemType('DEPENDENCY_UNAVAILABLE'),
      title: status === 200 ? 'OK' : 'A dependency is unavailable; retry later',
      status,
      ...(down.length ? { detail: `down: ${down.join(', ')}` } : {}),
      checks,
      correlationId: currentCorrelationId(),
    };
    if (status === 503) res.setHeader('Retry-After', String(STATUS_RETRY_AFTER_SECONDS));
    res.status(status).type(PROBLEM_JSON).send(JSON.stringify(body));
  }
}
