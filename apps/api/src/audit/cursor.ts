import { z } from 'zod';
import { Cursori } from '../eservices/pagination';

const POSITION = z.string().regex(/^\d{1,19}$/);

/**
 * Pagination cursors of the access log are opaque and bound to who asked and about whom: a cursor
 * handed to one consumer for one citizen is refused for another consumer or another citizen, so a
 * cursor can never be used to walk somebody else's log. The e-services' cursors (eservices/pagination.ts)
 * with the access log's context.
 */
export class CursorCodec {
  private readonly cursori: Cursori;

  constructor(key: string) {
    this.cursori = new Cursori(key);
  }

  seal(position: string, subject: string, clientId: string): string {
    return this.cursori.sigilla(position, this.context(subject, clientId));
  }

  /** The position, or a 400 that does not say why (wrong consumer, wrong citizen or garbage look alike). */
  open(cursor: string, subject: string, clientId: string): string {
    return this.cursori.apri(cursor, this.context(subject, clientId), POSITION, 'cursor');
  }

  private context(subject: string, clientId: string): string[] {
    return ['registro-accessi', subject, clientId.toLowerCase()];
  }
}
