import type { Queryable } from '../database';
import { centesimi, nomePrestazione, type PrestazioneSociale } from '@fsl/siuss';
import type { PrestazioneSocialeDto } from './contract';
import type { Letta } from './sources';

// The social benefits municipalities granted (SIUSS WaaS flows, through apps/ingest-enti-locali and the
// builder's siuss_prestazione) in the cartella sociale. Each row is a benefit with the latest insert and
// cancellation of its key; a cancelled one (annullata) is void and not served. Only what identifies the benefit
// and its money is served — code and name, dates, amounts and shares, the ISEE threshold, the municipality —
// never the SINA assessment (health and disability) or the registry data of the flow. SINBA (minors in care)
// is another table the api cannot read (docs: README, "The municipal gateway").

/** The benefits of a citizen with the dossier version they were read at; undefined when the citizen has no dossier row. */
export interface PrestazioniSocialiSource {
  find(codiceFiscale: string): Promise<Letta<PrestazioneSociale[]> | undefined>;
}

export class PrestazioniSocialiRepository implements PrestazioniSocialiSource {
  constructor(private readonly db: Queryable) {}

  async find(codiceFiscale: string): Promise<Letta<PrestazioneSociale[]> | undefined> {
    const { rows } = await this.db.query<{ version: string; prestazioni: PrestazioneSociale[] | null }>(
      `SELECT d.version,
              (SELECT jsonb_agg(p.prestazione ORDER BY p.data_inizio, p.codice_ente, p.chiave) FROM siuss_prestazione p
                WHERE p.codice_fiscale = d.codice_fiscale AND p.prestazione IS NOT NULL AND NOT p.annullata) AS prestazioni
         FROM dossier d WHERE d.codice_fiscale = $1`,
      [codiceFiscale],
    );
    if (rows.length === 0) return undefined;
    return { versione: Number(rows[0]!.version), cartella: rows[0]!.prestazioni ?? [] };
  }
}

/** An amount of the flow (a decimal string as the ente wrote it) in cents; undefined when absent or finer than a cent. */
const cents = (v: string | undefined) => (v === undefined ? undefined : centesimi(v));

export function toPrestazioniSocialiDto(list: readonly PrestazioneSociale[]): PrestazioneSocialeDto[] {
  return list.map((f) => {
    const p = f.prestazione;
    const quote = { enteCentesimi: cents(p.importoQuotaEnte), utenteCentesimi: cents(p.importoQuotaUtente), ssnCentesimi: cents(p.importoQuotaSSN), richiestaCentesimi: cents(p.importoQuotaRichiesta) };
    return {
      codicePrestazione: p.codicePrestazione,
      nomePrestazione: nomePrestazione(p.codicePrestazione),
      denominazionePrestazione: p.denominazionePrestazione,
      carattere: p.caratterePrestazione === '2' ? 'UNA_TANTUM' : 'PERIODICA',
      ente: { codice: f.intestazione.codiceEnte, denominazione: f.intestazione.denominazioneEnte ?? f.intestazione.ente.denominazione },
      protocolloDomanda: p.protocolloDomanda,
      dataEvento: p.dataEvento,
      dataInizio: p.dataInizioPrestazione,
      dataFine: p.dataFinePrestazione,
      dataErogazione: p.dataErogazionePrestazione,
      importoMensileCentesimi: cents(p.importoMensile),
      importoCentesimi: cents(p.importoPrestazione),
      quote: Object.values(quote).some((v) => v !== undefined) ? quote : undefined,
      sogliaIseeCentesimi: cents(p.importoSogliaISEE),
      idFlusso: f.intestazione.idFlusso,
    };
  });
}
