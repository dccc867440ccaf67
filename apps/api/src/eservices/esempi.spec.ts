import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractOf } from '../../test/support/contract';

// Every example an operation of the committed api document gives — request bodies and 200 answers — is valid
// against the schema it illustrates, with objects closed as consumers' generated clients would read them: an
// example is what an integrator copies first.

type Media = { schema?: { $ref?: string }; example?: unknown; examples?: Record<string, { value: unknown }> };
type Operation = { operationId: string; requestBody?: { content: Record<string, Media> }; responses: Record<string, { content?: Record<string, Media> }> };

const doc = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8')) as { paths: Record<string, Record<string, Operation>> };
const contract = contractOf('api');

function examplesOf(media: Media | undefined): Array<{ schema: string; value: unknown }> {
  const ref = media?.schema?.$ref;
  if (!media || !ref) return [];
  const schema = ref.replace('#/components/schemas/', '');
  const values = [...(media.example === undefined ? [] : [media.example]), ...Object.values(media.examples ?? {}).map((e) => e.value)];
  return values.map((value) => ({ schema, value }));
}

const cases = Object.values(doc.paths)
  .flatMap((ops) => Object.values(ops))
  .flatMap((op) => [
    ...examplesOf(op.requestBody?.content['application/json']).map((e) => ({ ...e, where: `${op.operationId} request` })),
    ...examplesOf(op.responses['200']?.content?.['application/json']).map((e) => ({ ...e, where: `${op.operationId} 200` })),
  ]);

describe('examples of the api document', () => {
  it('the citizen-slice and course e-services give examples of their request and answer', () => {
    const where = cases.map((c) => c.where);
    for (const op of ['PartecipazioniPucController_consulta', 'OfferteLavoroController_consulta', 'OffertaFormativaController_consulta', 'IdentificativoOffertaFormativaController_consulta']) {
      expect(where).toEqual(expect.arrayContaining([`${op} request`, `${op} 200`]));
    }
  });

  it.each(cases.map((c) => [c.where, c] as const))('%s matches its schema', (_where, c) => {
    expect(contract(c.schema, c.value)).toEqual([]);
  });
});
