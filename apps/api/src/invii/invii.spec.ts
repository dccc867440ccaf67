import { AppError } from '@fsl/http';
import { gepiFixtures as F, type Sostegno } from '@fsl/gepi';
import { corsoIdDi } from './offerta-formativa.service';
import { prossimaVersione } from './regole';
import { percorsoSostegni, sostegniUniti } from './sostegni.service';
import { decodeVersioneMinima, encodeVersioneMinima } from './versione-minima';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
};

describe('the read-your-writes token', () => {
  it('names topic, partition and offset of each position, and reads back what it was given', () => {
    const posizioni = [
      { topic: 't.x.fsl.gepi.events.v1', partition: 5, offset: '9223372036854775806' },
      { topic: 'fsl.siisl.events.v1', partition: 0, offset: '0' },
    ];
    const token = encodeVersioneMinima(posizioni);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    // The format, written out: base64url of "v1;topic|partition|offset;…".
    expect(Buffer.from(token, 'base64url').toString()).toBe('v1;t.x.fsl.gepi.events.v1|5|9223372036854775806;fsl.siisl.events.v1|0|0');
    expect(decodeVersioneMinima(token)).toEqual(posizioni);
    expect(decodeVersioneMinima(encodeVersioneMinima([]))).toEqual([]);
  });

  it('refuses what it did not make', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    for (const bad of [
      '',
      'not base64!',
      b64('v2;fsl.gepi.events.v1|1|2'),
      b64('v1;fsl.gepi.events.v1|1'),
      b64('v1;fsl.gepi.events.v1|1|2|3'),
      b64('v1;FSL.GEPI|1|2'),
      b64('v1;fsl.gepi.events.v1|-1|2'),
      b64('v1;fsl.gepi.events.v1|1|2.5'),
      b64('v1;fsl.gepi.events.v1|1|9223372036854775808'),
      b64(`v1${';t|0|1'.repeat(17)}`),
      'A'.repeat(1025),
    ]) {
      expect([bad.slice(0, 40), decodeVersioneMinima(bad)]).toEqual([bad.slice(0, 40), undefined]);
    }
  });
});

describe('sostegni merged into the PaIS by id', () => {
  const presenti = (F.valid('pais') as { dati: { sostegni: Sostegno[] } }).dati.sostegni; // S1, S2, S3
  const s2bis = { id: 'S2', tipo: 'EDUCATIVA_DOMICILIARE', dal: '2024-04-15', al: '2024-12-31' };
  const s4 = { id: 'S4', tipo: 'SOSTEGNO_ABITATIVO', dal: '2024-09-01' };

  it('replaces a support with the same id in place and adds the others at the end, in the order sent', () => {
    const { sostegni, origine } = sostegniUniti(presenti, [s4, s2bis]);
    expect(sostegni).toEqual([presenti[0], s2bis, presenti[2], s4]);
    expect(origine).toEqual([undefined, 1, undefined, 0]);
  });

  it('keeps the second of two sent with one id, so the validation reports the duplicate at the request’s index', () => {
    const { sostegni, origine } = sostegniUniti(presenti, [s2bis, { ...s2bis, al: '2025-01-31' }]);
    expect(sostegni.map((s) => (s as { id: string }).id)).toEqual(['S1', 'S2', 'S3', 'S2']);
    expect(origine).toEqual([undefined, 0, undefined, 1]);
    expect(percorsoSostegni('dati.sostegni[3].id', origine)).toBe('sostegni[1].id');
  });

  it('names a problem by the request’s field', () => {
    const origine = [undefined, 1, undefined, 0];
    expect(percorsoSostegni('dati.sostegni[3].tirocinio', origine)).toBe('sostegni[0].tirocinio');
    expect(percorsoSostegni('dati.sostegni[1].beneficiari[0]', origine)).toBe('sostegni[1].beneficiari[0]');
    expect(percorsoSostegni('dati.sostegni[1]', origine)).toBe('sostegni[1]');
    expect(percorsoSostegni('id', origine)).toBe('paisId');
    expect(percorsoSostegni('casoId', origine)).toBe('casoId');
    // A support the request did not send, or another field of the PaIS: named in the PaIS.
    expect(percorsoSostegni('dati.sostegni[0].tipo', origine)).toBe('pais.dati.sostegni[0].tipo');
    expect(percorsoSostegni('dati.dataSottoscrizione', origine)).toBe('pais.dati.dataSottoscrizione');
  });
});

describe('the version a write takes', () => {
  it('is the next after every version claimed or in the dossier', () => {
    expect(prossimaVersione(undefined, 0, undefined).versione).toBe(1);
    expect(prossimaVersione(4, 4, undefined).versione).toBe(5);
    expect(prossimaVersione(1_733_000_000_123, 1_733_000_000_123, undefined).versione).toBe(1_733_000_000_124);
    // A version in the dossier that no claim knows (loaded another way) still counts.
    expect(prossimaVersione(3, 7, undefined).versione).toBe(8);
  });

  it('is refused when based on an older version, or while a claimed version is not in the dossier', () => {
    expect(codeOf(prossimaVersione(4, 4, 4).verifica)).toBeUndefined();
    expect(codeOf(prossimaVersione(4, 4, undefined).verifica)).toBeUndefined();
    expect(codeOf(prossimaVersione(5, 4, 4).verifica)).toBe('VERSIONE_NON_AGGIORNATA');
    expect(codeOf(prossimaVersione(5, 4, undefined).verifica)).toBe('AGGIORNAMENTO_IN_CORSO');
    expect(codeOf(prossimaVersione(5, 4, 5).verifica)).toBe('AGGIORNAMENTO_IN_CORSO');
    expect(codeOf(prossimaVersione(undefined, 0, 1).verifica)).toBe('VERSIONE_NON_AGGIORNATA');
  });
});

describe('the SIISL id of an inserted course', () => {
  it('depends on the provider and its code only, holds no CF and nothing shaped like one', () => {
    const id = corsoIdDi('05123450156', 'AC-2025-01');
    expect(id).toMatch(/^CORSO-FSL-[0-9a-f]{4}(-[0-9a-f]{4}){4}$/);
    expect(corsoIdDi('05123450156', 'AC-2025-01')).toBe(id);
    expect(new Set([id, corsoIdDi('05123450156', 'AC-2025-02'), corsoIdDi('05123450157', 'AC-2025-01'), corsoIdDi('05123450156AC-2025-0', '1')]).size).toBe(4);
    expect(id).not.toContain('05123450156');
  });
});
