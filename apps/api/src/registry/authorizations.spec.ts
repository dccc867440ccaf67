import { readFileSync } from 'node:fs';
import { DEV_AUTHORIZATIONS_FILE } from '../config';
import { AuthorizationTable, authorizationTableSchema, type AuthorizationTableFile } from './authorizations';

const id = (n: number) => `6f1c0de0-0000-4000-8000-${String(n).padStart(12, '0')}`;
const consumer = (n: number, purpose: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: `c${n}`,
  name: `Consumer ${n}`,
  consumerId: id(100 + n),
  clientIds: [id(200 + n)],
  purposes: [{ purposeId: id(300 + n), description: 'test', ...purpose }],
  ...extra,
});
const parse = (consumers: unknown[]) => authorizationTableSchema.safeParse({ consumers });
const table = (consumers: unknown[]) => new AuthorizationTable(authorizationTableSchema.parse({ consumers }) as AuthorizationTableFile);

describe('authorisation table file', () => {
  it('the dev table shipped for the demo parses and says it is dev-only', () => {
    const file = authorizationTableSchema.parse(JSON.parse(readFileSync(DEV_AUTHORIZATIONS_FILE, 'utf8')));
    expect(file.devOnly).toBe(true);
    expect(file.consumers.length).toBeGreaterThan(0);
  });

  it.each([
    ['a client listed by two consumers', [consumer(1, { eservices: ['cartella-lavorativa'], dati: ['lavorativa'] }), { ...consumer(2, { eservices: ['cartella-lavorativa'], dati: ['lavorativa'] }), clientIds: [id(201)] }]],
    ['a cartella e-service without its cartella in dati', [consumer(1, { eservices: ['cartella-sociale'], dati: ['lavorativa'] })]],
    ['the CV versions without the cartella lavorativa', [consumer(1, { eservices: ['versione-curriculum'], dati: ['formativa'] })]],
    ['the fascicolo with no cartella at all', [consumer(1, { eservices: ['fascicolo'] })]],
    ['PaIS cases of "its ente" for a consumer without one', [consumer(1, { eservices: ['cartella-sociale'], dati: ['sociale'], casiPais: 'ente' })]],
    ['"the cases of the calling ente" for a consumer that is no ente, even with every case', [consumer(1, { eservices: ['casi-pais-ente'], dati: ['sociale'], casiPais: 'tutti' })]],
    ['an e-service that does not exist', [consumer(1, { eservices: ['anagrafe'], dati: ['lavorativa'] })]],
    ['the residence permit without the cartella lavorativa', [consumer(1, { eservices: ['cartella-sociale'], dati: ['sociale'], casiPais: 'tutti', datiParticolari: ['permessoSoggiorno'] })]],
    ['a sensitive data category that does not exist', [consumer(1, { eservices: ['cartella-lavorativa'], dati: ['lavorativa'], datiParticolari: ['salute'] })]],
  ])('refuses %s', (_name, consumers) => {
    expect(parse(consumers).success).toBe(false);
  });

  it('accepts "the cases of the calling ente" for a consumer that is one', () => {
    expect(parse([consumer(1, { eservices: ['casi-pais-ente'], dati: ['sociale'], casiPais: 'tutti' }, { ente: 'H501' })]).success).toBe(true);
  });
});

describe('AuthorizationTable.authorise', () => {
  const t = table([
    consumer(1, { eservices: ['fascicolo', 'cartella-lavorativa'], dati: ['lavorativa'] }),
    consumer(2, { eservices: ['cartella-sociale'], dati: ['sociale'] }, { ente: 'H501' }),
  ]);
  const caller = (n: number, overrides = {}) => ({ clientId: id(200 + n), consumerId: id(100 + n), purposeId: id(300 + n), ...overrides });

  it('grants a listed purpose for the e-services it names', () => {
    expect(t.authorise(caller(1), 'fascicolo')?.grant.dati).toEqual(['lavorativa']);
    expect(t.authorise(caller(1, { clientId: id(201).toUpperCase() }), 'cartella-lavorativa')).toBeDefined();
  });

  it.each([
    ['an e-service the purpose does not name', caller(1), 'cartella-sociale'],
    ["another consumer's purpose", caller(1, { purposeId: id(302) }), 'cartella-sociale'],
    ['another organisation', caller(1, { consumerId: id(102) }), 'fascicolo'],
    ['a voucher without consumerId when the table names the organisation', caller(1, { consumerId: undefined }), 'fascicolo'],
    ['an unknown client', caller(9), 'fascicolo'],
  ] as const)('refuses %s', (_name, c, kind) => {
    expect(t.authorise(c, kind)).toBeUndefined();
  });

  it('names a client for the access log', () => {
    expect(t.nameOf(id(202))).toBe('Consumer 2');
    expect(t.nameOf(id(299))).toBeUndefined();
  });
});
