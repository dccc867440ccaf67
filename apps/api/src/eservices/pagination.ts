import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { AppError } from '@fsl/http';
import '../security/errors';

// Cursor pagination of the e-services' lists, in the guidelines' style: the request carries
// `{ ..., cursore?, limite? }`, the answer `{ ..., pagina: { prossimo? } }`. A cursor is opaque and
// tamper-evident: the position it stands for (what the next page starts after) travels as base64url JSON
// with an HMAC over it and over the request it was issued for — the e-service, the consumer and the
// criteria (a citizen's codice fiscale, an ente, the filters). So a cursor cannot be forged, moved to
// another consumer or citizen, or replayed with other filters (the next page would not continue the same
// list): any of these is the same 400, which does not say why.

export const LIMITE_PREDEFINITO = 20;
export const LIMITE_MASSIMO = 100;
const CURSORE_MAX = 512;

/** The members a paginated request adds to its body schema. */
export const richiestaPaginata = {
  cursore: z.string().min(1).max(CURSORE_MAX).optional(),
  limite: z.number().int().min(1).max(LIMITE_MASSIMO).optional(),
};

/** The same, for the request DTOs of the OpenAPI document. */
export class RichiestaPaginataDto {
  @ApiPropertyOptional({
    description: 'Cursore ricevuto in pagina.prossimo: la pagina successiva dello stesso elenco (stessi criteri, stesso fruitore)',
    maxLength: CURSORE_MAX,
    pattern: '^[A-Za-z0-9_.-]+$',
    example: 'WyIyMDI0LTAzLTE1IiwiQ0FTTy0yMDI1MDMzMS01MiJd.3q2-7w8xS1n0Jk4d2VfY9g',
  })
  cursore?: string;
  @ApiPropertyOptional({ description: `Elementi per pagina (predefinito ${LIMITE_PREDEFINITO})`, type: 'integer', format: 'int32', minimum: 1, maximum: LIMITE_MASSIMO, example: LIMITE_PREDEFINITO })
  limite?: number;
}

export class PaginaDto {
  @ApiPropertyOptional({
    description: 'Cursore della pagina successiva, da inviare in `cursore` con gli stessi criteri; assente sull’ultima pagina',
    maxLength: CURSORE_MAX,
    pattern: '^[A-Za-z0-9_.-]+$',
    example: 'WyIyMDI0LTAzLTE1IiwiQ0FTTy0yMDI1MDMzMS01MiJd.3q2-7w8xS1n0Jk4d2VfY9g',
  })
  prossimo?: string;
}

export class Cursori {
  constructor(private readonly key: string) {}

  /** The cursor of `posizione` for the request described by `contesto`. */
  sigilla(posizione: unknown, contesto: readonly string[]): string {
    const text = JSON.stringify(posizione);
    return `${Buffer.from(text).toString('base64url')}.${this.mac(text, contesto)}`;
  }

  /**
   * The position a cursor stands for, if it was issued for this very request; otherwise a 400 naming the
   * field (`campo`) and nothing else.
   */
  apri<P>(cursore: string, contesto: readonly string[], posizione: z.ZodType<P>, campo = 'cursore'): P {
    const [encoded = '', mac = '', ...rest] = cursore.split('.');
    const text = Buffer.from(encoded, 'base64url').toString();
    const expected = Buffer.from(this.mac(text, contesto));
    if (rest.length === 0 && mac.length === expected.length && timingSafeEqual(Buffer.from(mac), expected)) {
      const parsed = posizione.safeParse(parseJson(text));
      if (parsed.success) return parsed.data;
    }
    throw new AppError('CURSOR_INVALID', 'the cursor was not issued for this request', { errors: [{ path: campo, code: 'CURSOR_INVALID', message: 'invalid value' }] });
  }

  private mac(text: string, contesto: readonly string[]): string {
    // JSON of the whole list, so that no two contexts (nor a context and a position) run together.
    return createHmac('sha256', this.key).update(JSON.stringify(['cursore', text, ...contesto])).digest('base64url').slice(0, 32);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A page from the `limite + 1` items read after the cursor's position, in list order: the extra item only
 * says that there is a next page, whose cursor is the position of the page's last item.
 */
export function pagina<T, P>(letti: readonly T[], limite: number, posizioneDi: (item: T) => P, sigilla: (posizione: P) => string): { elementi: T[]; pagina: PaginaDto } {
  const elementi = letti.slice(0, limite);
  const ultimo = elementi[elementi.length - 1];
  return { elementi, pagina: letti.length > limite && ultimo !== undefined ? { prossimo: sigilla(posizioneDi(ultimo)) } : {} };
}
