import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { VersioneMinima } from '../invii/versione-minima';
import { PROBING_ROUTE } from './eservice-call';

/**
 * Read-your-writes for every e-service operation, whatever its body: runs after EserviceGuard admitted the
 * call (an unidentified caller never makes the api wait), and holds it until the dossier includes the version
 * the Versione-Minima header names, or refuses it ("not yet"). Without the header it does nothing.
 */
@Injectable()
export class VersioneMinimaGuard implements CanActivate {
  constructor(
    @Inject(VersioneMinima) private readonly versioni: VersioneMinima,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PROBING_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const header = context.switchToHttp().getRequest<Request>().headers['versione-minima'];
    // Repeated headers reach here joined by ", ": not a token, refused as such.
    if (header !== undefined) await this.versioni.attendi(Array.isArray(header) ? header.join(', ') : header);
    return true;
  }
}
