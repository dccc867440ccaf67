import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AppError, PROBLEM_JSON, type FieldProblem } from '@fsl/http';
import { ElencoEntiDto, ElencoEsitiDto, ElencoFlussiDto, EnteDto, RiaccodatiDto } from './dto';
import { EntiStore, STATI_ESITO, type StatoEnte, type StatoEsito } from './enti.store';
import { CODICI_ESITO, type CodiceEsito } from './flussi';
import type { EnteRegistrato, Registro } from './registry';

// The operator view of the gateway: per municipality, the poll state, the cursor, the flows acquired and
// refused, the outcomes to deliver; FSL's record of each flow's outcome; parked outcomes queued again.

export const REGISTRO = Symbol('REGISTRO');
export const INTERVALLO_DEFAULT = Symbol('INTERVALLO_DEFAULT');

const MAX_LIMITE = 1000;
const problem = { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Problem' } } };
const codiceParam = { name: 'codice', description: 'Codice Belfiore del comune nel registro', schema: { type: 'string', pattern: '^[A-Z][0-9]{3}$', maxLength: 4 } } as const;
const limiteQuery = { name: 'limite', required: false, description: `Quanti (default 100, massimo ${MAX_LIMITE})`, schema: { type: 'integer', format: 'int32', minimum: 1, maximum: MAX_LIMITE } } as const;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

function params(limite: unknown, filtro: { name: string; value: unknown; allowed: readonly string[] }): { limite: number; filtro?: string } {
  const errors: FieldProblem[] = [];
  let n = 100;
  if (limite !== undefined) {
    n = typeof limite === 'string' && /^\d{1,4}$/.test(limite) ? Number(limite) : NaN;
    if (!(n >= 1 && n <= MAX_LIMITE)) errors.push({ path: 'limite', code: 'INVALID_VALUE', message: `must be an integer from 1 to ${MAX_LIMITE}` });
  }
  if (filtro.value !== undefined && !filtro.allowed.includes(filtro.value as string)) {
    errors.push({ path: filtro.name, code: 'INVALID_VALUE', message: `must be one of ${filtro.allowed.join(', ')}` });
  }
  if (errors.length) throw new AppError('BAD_REQUEST', 'invalid query parameters', { errors });
  return { limite: n, ...(filtro.value !== undefined ? { filtro: filtro.value as string } : {}) };
}

export function toEnteDto(e: EnteRegistrato, s: StatoEnte, intervalloDefault: number): EnteDto {
  return {
    codice: e.codice,
    denominazione: e.denominazione,
    baseUrl: e.baseUrl,
    esitiAttivi: e.esiti,
    intervalloPollSecondi: e.intervalloPollSecondi ?? intervalloDefault,
    cursore: { ms: s.cursore, ...(s.cursore > 0 ? { tsFlusso: new Date(s.cursore).toISOString() } : {}), ...(s.cursoreAggiornatoAt ? { aggiornatoIl: iso(s.cursoreAggiornatoAt) } : {}) },
    ...(s.ultimoPollAt ? { ultimoPoll: iso(s.ultimoPollAt) } : {}),
    ...(s.ultimoPollOkAt ? { ultimoPollRiuscito: iso(s.ultimoPollOkAt) } : {}),
    fallimentiConsecutivi: s.fallimentiConsecutivi,
    ...(s.backoffFinoAl && s.fallimentiConsecutivi > 0 ? { backoffFinoAl: iso(s.backoffFinoAl) } : {}),
    ...(s.ultimoErrore ? { ultimoErrore: s.ultimoErrore } : {}),
    bloccatoSuTimestamp: s.bloccatoDal !== null,
    ...(s.bloccatoDal ? { blocco: { ...(s.bloccatoTs !== null ? { ts: s.bloccatoTs } : {}), dal: s.bloccatoDal.toISOString() } } : {}),
    flussi: s.flussi,
    esiti: s.esiti,
  };
}

@ApiTags('enti')
@Controller('v1/enti')
export class EntiController {
  constructor(
    @Inject(REGISTRO) private readonly registro: Registro,
    @Inject(EntiStore) private readonly store: EntiStore,
    @Inject(INTERVALLO_DEFAULT) private readonly intervalloDefault: number,
  ) {}

  private ente(codice: string): EnteRegistrato {
    const e = this.registro.enti.find((x) => x.codice === codice);
    if (!e) throw new AppError('NOT_FOUND', 'no municipality with this code in the registry');
    return e;
  }

  @Get()
  @ApiOperation({ summary: 'Stato di ogni comune del registro', description: 'Poll state, cursor, flows acquired and refused, outcome deliveries, per municipality.' })
  @ApiResponse({ status: 200, description: 'Un elemento per comune, nell\'ordine del registro', type: ElencoEntiDto })
  @ApiResponse({ status: 503, description: 'Database non disponibile', content: problem })
  async elenco(): Promise<ElencoEntiDto> {
    const stati = await this.store.stati(this.registro.enti.map((e) => e.codice));
    return { enti: this.registro.enti.map((e) => toEnteDto(e, stati.get(e.codice)!, this.intervalloDefault)) };
  }

  @Get(':codice')
  @ApiOperation({ summary: 'Stato di un comune', description: 'The same as one element of GET /v1/enti.' })
  @ApiParam(codiceParam)
  @ApiResponse({ status: 200, description: 'Stato del comune', type: EnteDto })
  @ApiResponse({ status: 404, description: 'Comune non nel registro', content: problem })
  async uno(@Param('codice') codice: string): Promise<EnteDto> {
    const e = this.ente(codice);
    return toEnteDto(e, (await this.store.stati([e.codice])).get(e.codice)!, this.intervalloDefault);
  }

  @Get(':codice/flussi')
  @ApiOperation({
    summary: 'Esito di FSL di ogni flusso acquisito',
    description: 'FSL\'s record of each flow of the municipality, kept whether or not outcomes are sent: latest acquired first, with the delivery of its outcome.',
  })
  @ApiParam(codiceParam)
  @ApiQuery(limiteQuery)
  @ApiQuery({ name: 'esito', required: false, description: 'Solo i flussi con questo esito', schema: { type: 'string', enum: [...CODICI_ESITO] } })
  @ApiResponse({ status: 200, description: 'I flussi', type: ElencoFlussiDto })
  @ApiResponse({ status: 400, description: 'Parametri non validi', content: problem })
  @ApiResponse({ status: 404, description: 'Comune non nel registro', content: problem })
  async flussi(@Param('codice') codice: string, @Query('limite') limite?: string, @Query('esito') esito?: string): Promise<ElencoFlussiDto> {
    const e = this.ente(codice);
    const p = params(limite, { name: 'esito', value: esito, allowed: CODICI_ESITO });
    const rows = await this.store.flussi(e.codice, { limite: p.limite, ...(p.filtro ? { esito: p.filtro as CodiceEsito } : {}) });
    return {
      flussi: rows.map((f) => ({
        idFlusso: f.idFlusso,
        tsFlusso: f.tsFlusso,
        ...(f.tipo ? { tipo: f.tipo } : {}),
        esito: f.esito,
        ...(f.idAcquisizione ? { idAcquisizione: f.idAcquisizione } : {}),
        problemi: f.problemi,
        avvisi: f.avvisi,
        acquisitoIl: f.acquisitoAt.toISOString(),
        ...(f.invio
          ? {
              invioEsito: {
                stato: f.invio.stato,
                tentativi: f.invio.tentativi,
                ...(f.invio.ultimoStatus !== null ? { ultimoStatus: f.invio.ultimoStatus } : {}),
                ...(f.invio.consegnatoAt ? { consegnatoIl: f.invio.consegnatoAt.toISOString() } : {}),
              },
            }
          : {}),
      })),
    };
  }

  @Get(':codice/esiti')
  @ApiOperation({ summary: 'Esiti da consegnare al comune', description: 'The outcome outbox of the municipality, oldest first.' })
  @ApiParam(codiceParam)
  @ApiQuery(limiteQuery)
  @ApiQuery({ name: 'stato', required: false, description: 'Solo gli esiti in questo stato', schema: { type: 'string', enum: [...STATI_ESITO] } })
  @ApiResponse({ status: 200, description: 'Gli esiti', type: ElencoEsitiDto })
  @ApiResponse({ status: 400, description: 'Parametri non validi', content: problem })
  @ApiResponse({ status: 404, description: 'Comune non nel registro', content: problem })
  async esiti(@Param('codice') codice: string, @Query('limite') limite?: string, @Query('stato') stato?: string): Promise<ElencoEsitiDto> {
    const e = this.ente(codice);
    const p = params(limite, { name: 'stato', value: stato, allowed: STATI_ESITO });
    const rows = await this.store.esiti(e.codice, { limite: p.limite, ...(p.filtro ? { stato: p.filtro as StatoEsito } : {}) });
    return {
      esiti: rows.map((r) => ({
        idFlusso: r.idFlusso,
        tsFlusso: r.tsFlusso,
        codiceEsito: r.codiceEsito,
        stato: r.stato,
        tentativi: r.tentativi,
        rifiuti4xx: r.rifiuti4xx,
        ...(r.ultimoStatus !== null ? { ultimoStatus: r.ultimoStatus } : {}),
        ...(r.ultimoErrore ? { ultimoErrore: r.ultimoErrore } : {}),
        prossimoTentativo: r.prossimoTentativoAt.toISOString(),
        ...(r.consegnatoAt ? { consegnatoIl: r.consegnatoAt.toISOString() } : {}),
      })),
    };
  }

  @Post(':codice/esiti/riaccoda')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rimette in coda gli esiti sospesi',
    description: 'An operator\'s decision after checking with the municipality: parked outcomes (SOSPESO) are sent again now, their count of 4xx answers reset.',
  })
  @ApiParam(codiceParam)
  @ApiResponse({ status: 200, description: 'Quanti esiti sono tornati in coda', type: RiaccodatiDto })
  @ApiResponse({ status: 404, description: 'Comune non nel registro', content: problem })
  async riaccoda(@Param('codice') codice: string): Promise<RiaccodatiDto> {
    const e = this.ente(codice);
    return { riaccodati: await this.store.riaccoda(e.codice) };
  }
}
