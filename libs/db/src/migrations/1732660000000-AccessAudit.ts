import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ACCESS_AUDIT_DDL, ACCESS_AUDIT_DROP_DDL } from '@fsl/access-audit';

// The hash-chained access audit of the api (libs/access-audit). The DDL lives with the library that
// hashes and verifies the rows, so the table and the chain format cannot drift apart.
export class AccessAudit1732660000000 implements MigrationInterface {
  name = 'AccessAudit1732660000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(ACCESS_AUDIT_DDL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(ACCESS_AUDIT_DROP_DDL);
  }
}
