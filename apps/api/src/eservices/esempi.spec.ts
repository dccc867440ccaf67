import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { contractOf } from '../../test/support/contract';

// Every example an operation of the committed api document gives — request bodies and 200 answers — is valid
// against the schema it illustrates, with objects closed as consumers' generated clients would read them: an
// example is what an integrator copies first.

type Media = { schema?: { $ref?: string }; example?: unknown; examples?: Record<string, { value: unknown }> };
type Operation = { operationId: string; requestBody?: { content: Record<string, Media> }; responses: Record<string, { content?: Record<string, Media> }> };

type Property = Record<string, unknown> & { example?: unknown; $ref?: string; allOf?: unknown[] };
const doc = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, Property> }> };
};
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

  it('the GePI case e-services give examples of their request and answer', () => {
    const where = cases.map((c) => c.where);
    for (const op of ['CasoPaisController', 'PaisController', 'AnalisiPreliminareController', 'QuadroAnalisiController', 'EquipeMultidisciplinareController', 'NucleoCasoController', 'PadNucleoController', 'CasoPaisMisuraController', 'CasiPaisEnteController', 'CasiPaisCittadinoController']) {
      expect(where).toEqual(expect.arrayContaining([`${op}_consulta request`, `${op}_consulta 200`]));
    }
  });

  it.each(cases.map((c) => [c.where, c] as const))('%s matches its schema', (_where, c) => {
    expect(contract(c.schema, c.value)).toEqual([]);
  });
});

describe('property examples of the api document', () => {
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  // Scalar and scalar-list members only: a member that is another schema is illustrated by that schema's own members.
  const scalars = Object.entries(doc.components.schemas).flatMap(([schema, s]) =>
    Object.entries(s.properties ?? {})
      .filter(([, p]) => p.example !== undefined && p.$ref === undefined && p.allOf === undefined)
      .map(([name, p]) => [`${schema}.${name}`, p] as const),
  );

  it.each(scalars)('%s: its example matches its own type, length, pattern and format', (_where, p) => {
    const { example, description: _d, nullable: _n, ...schema } = p;
    const validate = ajv.compile(schema);
    expect(validate(example) ? [] : validate.errors).toEqual([]);
  });
});
