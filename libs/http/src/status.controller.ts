import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Registry } from 'prom-client';
import { currentCorrelationId } from '@fsl/logging';
import { PROBLEM_JSON } from './problem.filter';
import { HEALTH_CHECKS, METRICS_REGISTRY } from './tokens';
import { problemType } from './errors';

export interface HealthCheck {
  name: string;
  /** Resolve true when the dependency answers; must finish within ~2 s. */
  isUp(): Promise<boolean>;
}

export const STATUS_RETRY_AFTER_SECONDS = 5;

@ApiTags('status')
@Controller()
export class StatusController {
  constructor(
    @Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[],
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  @Get('status')
  @ApiOperation({ summary: 'Service status', description: 'Answers 200 when every dependency is up, 503 otherwise.' })
  @ApiResponse({ status: 200, description: 'Up', content: { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Problem' } } } })
  @ApiResponse({ status: 503, description: 'A dependency is down', content: { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Problem' } } } })
  async status(@Res() res: Response): Promise<void> {
    const results = await Promise.all(
      this.checks.map(async (c) => [c.name, await c.isUp().catch(() => false)] as const),
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

  @Get('metrics')
  @ApiOperation({ summary: 'Prometheus metrics', description: 'Metrics in the Prometheus text exposition format.' })
  @Header('Cache-Control', 'no-store')
  @ApiResponse({ status: 200, description: 'Metrics', content: { 'text/plain': { schema: { type: 'string' } } } })
  async metrics(@Res() res: Response): Promise<void> {
    res.type(this.registry.contentType).send(await this.registry.metrics());
  }
}
