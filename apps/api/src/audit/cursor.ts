import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '@fsl/http';

/**
 * Pagination cursors of the access log are opaque and bound to who asked and about whom: a cursor
 * handed to one consumer for one citizen is refused for another consumer or another citizen, so a
 * cursor can never be used to walk somebody else's log.
 */
export class CursorCodec {
  constructor(private readonly key: string) {}

  seal(position: string, subject: string, clientId: string): string {
    return `${Buffer.from(position).toString('base64url')}.${this.mac(position, subject, clientId)}`;
  }

  /** The position, or a 400 that does not say why (wrong consumer, wrong citizen or garbage look alike). */
  open(cursor: string, subject: string, clientId: string): string {
    const [encoded = '', mac = ''] = cursor.split('.');
    const position = Buffer.from(encoded, 'base64url').toString();
    const expected = Buffer.from(this.mac(position, subject, clientId));
    if (!/^\d{1,19}$/.test(position) || mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), expected)) {
      throw new AppError('CURSOR_INVALID', 'the cursor was not issued for this request');
    }
    return position;
  }

  private mac(position: string, subject: string, clientId: string): string {
    return createHmac('sha256', this.key).update(`cursor\n${position}\n${subject}\n${clientId.toLowerCase()}`).digest('base64url').slice(0, 32);
  }
}
