import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { VerifiedCaller } from '@fsl/pdnd';
import type { Authorisation } from '../registry/authorizations';
import type { EserviceDef, EserviceKind } from '../registry/eservices';

/** An admitted e-service call: who calls, under which grant, for which e-service. No personal data. */
export interface EserviceCall extends Authorisation {
  eservice: EserviceDef;
  caller: VerifiedCaller;
  /** Route template, e.g. `POST /rest/fsl/v1/fascicoli/consultazioni` (never the filled-in path). */
  operation: string;
  requestId?: string;
}

export const ESERVICE_KIND = 'fsl:eservice-kind';
export const PROBING_ROUTE = 'fsl:probing-route';
const CALL = Symbol('fsl:eservice-call');

/** Marks a controller (or handler) as serving an e-service of the registry; the guard reads it. */
export const Eservice = (kind: EserviceKind) => SetMetadata(ESERVICE_KIND, kind);
/** Marks `GET <basePath>/interop/probing`: PDND's probing token instead of a voucher. */
export const ProbingRoute = () => SetMetadata(PROBING_ROUTE, true);

export function attachCall(req: object, call: EserviceCall): void {
  (req as Record<symbol, EserviceCall>)[CALL] = call;
}

/** The call the guard admitted, as a handler parameter. */
export const Call = createParamDecorator((_: unknown, ctx: ExecutionContext): EserviceCall => {
  const call = ctx.switchToHttp().getRequest<Record<symbol, EserviceCall | undefined>>()[CALL];
  if (!call) throw new Error('e-service handler reached without the EserviceGuard');
  return call;
});
