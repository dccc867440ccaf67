import { z } from 'zod';
import { collegamentoCittadino, type CollegamentoCaso } from '@fsl/cartella-sociale';
import type { AccessAuditService } from '../audit/access-audit.service';
import { LIMITE_PREDEFINITO, pagina, type Cursori } from '../eservices/pagination';
import { parseRichiestaCasiCittadino, parseRichiestaCasiEnte } from '../eservices/requests';
import { cartelleInScope, coversCartella, vedeCaso } from '../fascicolo/scope';
import type { EserviceCall } from '../security/eservice-call';
import type { CasiCittadinoSource, CasiEnteSource } from './casi.repository';
import { membriDelCaso } from './cittadini';
import type { EsitoCasiCittadinoDto, EsitoCasiEnteDto } from './consultazioni.contract';
import { casoCittadinoDto, conRecord, sintesiCasoDto, type CasoConRecord } from './mapping';

// The two searches of PaIS cases: those the calling ente manages ("Ricerca casi PaIS dell'ente") and those
// of a citizen's households, past ones included ("Ricerca casi PaIS del cittadino"). Both list cases the
// same way — newest first by opening date, then by case id, descending; a page at a time, the cursor being
// the (dataApertura, casoId) of the last case served — and both answer with a summary per case, no member's
// details: each case's members get the read in their access log (a summary is the household's case).

type Posizione = readonly [string, string];
const POSIZIONE = z.tuple([z.iso.date(), z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/)]);
const posizione = (vista: CasoConRecord): Posizione => [vista.caso.dataApertura, vista.casoId];
/** List order: a before b. */
const prima = (a: Posizione, b: Posizione) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

export class RicercheCasiService {
  constructor(
    private readonly casi: CasiEnteSource & CasiCittadinoSource,
    private readonly audit: AccessAuditService,
    private readonly cursori: Cursori,
  ) {}

  /**
   * The cases the calling ente manages today (the ente of its entry in the authorisation table, which this
   * e-service requires), whatever its purpose's casiPais: the e-service is about its own cases. Filters on
   * state and opening date; a cursor continues the list it was issued for (same consumer, same filters).
   */
  async casiEnte(call: EserviceCall, body: unknown): Promise<EsitoCasiEnteDto> {
    const { stati, dataAperturaDal, dataAperturaAl, cursore, limite = LIMITE_PREDEFINITO } = parseRichiestaCasiEnte(body);
    const ente = call.consumer.ente;
    const contesto = this.contesto(call, ente ?? '', JSON.stringify([stati ?? null, dataAperturaDal ?? null, dataAperturaAl ?? null]));
    const dopo = cursore === undefined ? undefined : this.cursori.apri(cursore, contesto, POSIZIONE);
    // The table grants it only to an ente with the cartella sociale; checked again so that a looser table
    // could never widen what the answer carries.
    const letti = ente !== undefined && this.sociale(call) ? await this.casi.ofEnte(ente, { stati, dataAperturaDal, dataAperturaAl, dopo }, limite + 1) : [];
    // The column the query filters on is derived from the same projection: every case read has its record.
    const page = pagina(letti.filter(conRecord), limite, posizione, (p) => this.cursori.sigilla(p, contesto));
    await this.audit.recordEach(call, page.elementi.flatMap(membriDelCaso), 'granted');
    return { casi: page.elementi.map(sintesiCasoDto), pagina: page.pagina };
  }

  /**
   * The cases of every household the citizen belongs or belonged to (a member who left keeps the case, with
   * their periods), as the caller may see them: an ente-scoped purpose only the cases its ente manages
   * today. A citizen the caller sees no case of gets exactly the answer for an unknown codice fiscale.
   */
  async casiCittadino(call: EserviceCall, body: unknown): Promise<EsitoCasiCittadinoDto> {
    const { codiceFiscale, cursore, limite = LIMITE_PREDEFINITO } = parseRichiestaCasiCittadino(body);
    const contesto = this.contesto(call, codiceFiscale);
    const dopo = cursore === undefined ? undefined : this.cursori.apri(cursore, contesto, POSIZIONE);
    // A CF lookup is a read of that citizen's data whatever it finds, as for the fascicolo.
    return this.audit.audited(call, codiceFiscale, async () => {
      const letti = this.sociale(call) ? await this.casi.ofCittadino(codiceFiscale) : undefined;
      const casi = (letti?.cartella ?? [])
        .filter(conRecord)
        .filter((vista) => vedeCaso(vista, call.grant, call.consumer))
        .flatMap((vista) => {
          const link = collegamentoCittadino(vista, codiceFiscale);
          return link ? [{ vista, link }] : [];
        })
        .sort((a, b) => (prima(posizione(a.vista), posizione(b.vista)) ? -1 : 1));
      // Like the fascicolo (scope.ts): a purpose granted every case sees the citizen's dossier, one limited to
      // its ente's cases only when it manages one of theirs.
      if (letti === undefined || (!coversCartella(call.grant, 'sociale') && casi.length === 0)) return { versione: 0, casi: [], pagina: {} };
      const page = pagina(
        casi.filter((c) => dopo === undefined || prima(dopo, posizione(c.vista))),
        limite,
        (c: { vista: CasoConRecord; link: CollegamentoCaso }) => posizione(c.vista),
        (p) => this.cursori.sigilla(p, contesto),
      );
      // The requested citizen's own record is audited() above.
      const altri = page.elementi.flatMap((c) => membriDelCaso(c.vista)).filter((cf) => cf !== codiceFiscale);
      await this.audit.recordEach(call, altri, 'granted');
      return { versione: letti.versione, casi: page.elementi.map((c) => casoCittadinoDto(c.vista, c.link)), pagina: page.pagina };
    });
  }

  private sociale(call: EserviceCall): boolean {
    return cartelleInScope(call.grant, ['sociale']).length > 0;
  }

  /** What a cursor is bound to: this e-service, this consumer and purpose, and the criteria of the list. */
  private contesto(call: EserviceCall, ...criteri: string[]): string[] {
    return [call.eservice.kind, call.caller.clientId.toLowerCase(), call.caller.purposeId.toLowerCase(), ...criteri];
  }
}
