import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { currentCorrelationId } from '@fsl/logging';
import type { EserviceKind } from '../registry/eservices';
import { attachCall, ESERVICE_KIND, PROBING_ROUTE } from './eservice-call';
import { EserviceSecurity, type IncomingCall } from './eservice-security';
import { rawHeaderValues } from './source-address';

/** Nest wiring of EserviceSecurity: every route of an e-service controller passes here first. */
@Injectable()
export class EserviceGuard implements CanActivate {
  constructor(
    private readonly security: EserviceSecurity,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const kind = this.reflector.getAllAndOverride<EserviceKind | undefined>(ESERVICE_KIND, targets);
    if (!kind) throw new Error('EserviceGuard on a route without @Eservice(kind)');
    const req = context.switchToHttp().getRequest<Request & { rawBody?: Buffer }>();
    const res = context.switchToHttp().getResponse<Response>();
    // Answers about citizens must not sit in shared caches (RAC_REST_NAME_010), refusals included.
    res.setHeader('Cache-Control', 'no-store');
    // Repeated Authorization headers are kept, to be refused: Node's req.headers shows only the first.
    const authorizations = rawHeaderValues(req.rawHeaders, 'authorization');
    const incoming: IncomingCall = {
      method: req.method,
      path: req.path,
      route: `${req.baseUrl}${(req.route as { path?: string } | undefined)?.path ?? req.path}`,
      headers: authorizations.length > 1 ? { ...req.headers, authorization: authorizations } : req.headers,
      sourceAddress: this.security.sourceAddress(req),
      rawBody: req.rawBody,
      body: req.body,
      params: req.params as Record<string, string>,
      requestId: currentCorrelationId(),
      setHeaders: (headers) => res.set(headers),
    };
    if (this.reflector.getAllAndOverride<boolean>(PROBING_ROUTE, targets)) {
      await this.security.probe(kind, incoming);
      return true;
    }
    attachCall(req, await this.security.admit(kind, incoming));
    return true;
  }
}
