import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_JSON, type OpenApiExtras } from '@fsl/http';
import type { EserviceDef } from '../registry/eservices';

// How the e-services describe their security in the OpenAPI document. The security schemes and the
// ModI patterns of each operation come from the e-service registry (configuration), which is only
// known at boot: documentOperation() writes them onto the handler when the module is registered.

// Metadata keys of @nestjs/swagger (its DECORATORS constant is not in the package exports); a unit test
// checks them against what the library's own decorators write.
export const SWAGGER_METADATA = {
  security: 'swagger/apiSecurity',
  extension: 'swagger/apiExtension',
  parameters: 'swagger/apiParameters',
} as const;

const RFC = 'Validato secondo RFC 8725 (RFC8725, JWT BCP): algoritmo in allow-list (RS256), typ, kid, iss, aud, exp/nbf/iat.';

export const OPENAPI_EXTRAS_VALUE: OpenApiExtras = {
  components: {
    securitySchemes: {
      PdndVoucherBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: `Voucher PDND (at+jwt) presentato come Bearer. ${RFC}` },
      PdndVoucherDPoP: { type: 'http', scheme: 'DPoP', bearerFormat: 'JWT', description: `Voucher PDND legato a una chiave DPoP (RFC 9449, cnf.jkt). ${RFC}` },
      DPoPProof: { type: 'apiKey', in: 'header', name: 'DPoP', description: 'Prova DPoP (dpop+jwt, RFC 9449): htm, htu, iat, jti non riusato, ath; insieme al voucher DPoP. JWT validato secondo RFC8725.' },
      AgidJwtSignature: { type: 'apiKey', in: 'header', name: 'Agid-JWT-Signature', description: 'INTEGRITY_REST_02: JWS del fruitore (chiave registrata su PDND) su Digest e Content-Type; jti non riusabile. JWT validato secondo RFC8725.' },
      AgidJwtTrackingEvidence: { type: 'apiKey', in: 'header', name: 'Agid-JWT-TrackingEvidence', description: 'AUDIT_REST_02: evidenza di tracciamento (purposeId, userID, userLocation, LoA) il cui SHA-256 è il digest del voucher. JWT validato secondo RFC8725.' },
    },
  },
  tagDescriptions: {
    fascicoli: 'Fascicolo consolidato del cittadino',
    'cartelle-lavorative': 'Cartella lavorativa del cittadino',
    'cartelle-sociali': 'Cartella sociale del cittadino',
    'cartelle-formative': 'Cartella formativa del cittadino',
    'registri-accessi': 'Registro degli accessi al fascicolo, per i canali del cittadino',
    'versioni-curriculum': 'Versioni del curriculum del cittadino, anche le precedenti',
    'casi-pais': 'Casi PaIS gestiti in GePI dai servizi sociali',
    'partecipazioni-puc': 'Partecipazioni del cittadino a Progetti utili alla collettività (SIISL e GePI)',
    'impegni-pais': 'Impegni assegnati al cittadino nei PaIS dei suoi casi',
    'sostegni-pais': 'Sostegni di cui il cittadino è beneficiario nei PaIS dei suoi casi',
    'misure-inclusione': 'Misure di inclusione (ADI, SFL) del cittadino',
    'offerte-formative': 'Dettaglio dei corsi del catalogo SIISL',
    'identificativi-offerte-formative': "Identificativo SIISL di un corso dai dati dell'ente di formazione",
    'iscrizioni-corsi': 'Iscrizioni del cittadino a corsi di formazione',
    'manifestazioni-interesse': 'Manifestazioni di interesse del cittadino per corsi di formazione',
    curricula: 'Curriculum corrente del cittadino',
    'offerte-lavoro': 'Offerte di lavoro proposte al cittadino',
    'rapporti-lavoro': 'Rapporti di lavoro del cittadino dalle comunicazioni obbligatorie, con la loro storia',
    'rapporti-lavoro-attivi': 'Rapporti di lavoro aperti in un giorno, con i valori in vigore quel giorno',
    'requisiti-occupazionali': 'Verifica di un requisito occupazionale: solo sì o no',
    'patti-inclusione': 'Versioni del patto per l’inclusione sociale (PaIS) di un caso',
    'analisi-preliminari': "Versioni dell'analisi preliminare di un caso",
    'equipe-multidisciplinari': 'Équipe multidisciplinari di un caso',
    'quadri-analisi': 'Versioni del quadro di analisi di un caso',
    'casi-pais-ente': "Ricerca dei casi PaIS gestiti dall'ente fruitore",
    'casi-pais-misure': 'Il caso PaIS che gestisce una domanda ADI o RdC',
    'casi-pais-cittadino': 'Ricerca dei casi PaIS di un cittadino',
    'nuclei-casi': 'Il nucleo familiare di un caso PaIS',
    'pad-nuclei': 'Il patto di attivazione digitale del nucleo di un caso, con le categorizzazioni',
    'invii-sostegni': 'Registrazione dei sostegni erogati ai beneficiari di un PaIS, tirocini di inclusione compresi',
    'invii-analisi-preliminari': "Registrazione dell'analisi preliminare di un caso PaIS",
    'inserimenti-offerte-formative': 'Inserimento di un corso di formazione nel catalogo SIISL',
    'aggiornamenti-offerte-formative': 'Aggiornamento di un corso di formazione del catalogo SIISL',
  },
};

const problem = (schema = '#/components/schemas/Problem') => ({ [PROBLEM_JSON]: { schema: { $ref: schema } } });
const int32 = (description: string) => ({ description, schema: { type: 'integer', format: 'int32', minimum: 0 } });
// On every answer: the consumer's quota, or, for a call refused before PDND vouched for its caller, the
// quota of its source address.
const RATE_LIMIT_HEADERS = {
  'X-RateLimit-Limit': int32("Richieste consentite nella finestra al fruitore (o all'indirizzo di origine, se non identificato)"),
  'X-RateLimit-Remaining': int32('Richieste ancora disponibili nella finestra'),
  'X-RateLimit-Reset': int32('Secondi alla fine della finestra'),
};
const RETRY_AFTER = { 'Retry-After': int32('Secondi dopo i quali riprovare') };
const WWW_AUTHENTICATE = { 'WWW-Authenticate': { description: 'Sfida Bearer / DPoP (RFC 6750, RFC 9449)', schema: { type: 'string', maxLength: 256 } } };
const NO_STORE = { 'Cache-Control': { description: 'Sempre no-store: dati personali', schema: { type: 'string', maxLength: 32 } } };

/** The refusals every e-service operation may give, with the headers the guidelines ask for. */
function refusals() {
  return [
    ApiResponse({ status: 400, description: 'Richiesta non valida, più header Authorization, o header ModI (Agid-JWT-*, Digest) mancanti, non validi o firmati con una chiave di un altro client', content: problem(), headers: RATE_LIMIT_HEADERS }),
    ApiResponse({ status: 401, description: 'Voucher PDND o prova DPoP mancanti o non validi', content: problem(), headers: { ...WWW_AUTHENTICATE, ...RATE_LIMIT_HEADERS } }),
    ApiResponse({ status: 403, description: 'Voucher valido ma non per questo e-service, o finalità non autorizzata; non dice se il cittadino è presente', content: problem(), headers: RATE_LIMIT_HEADERS }),
    ApiResponse({ status: 429, description: "Quota del fruitore (o dell'indirizzo di origine, per le richieste rifiutate prima dell'identificazione) esaurita", content: problem(), headers: { ...RETRY_AFTER, ...RATE_LIMIT_HEADERS } }),
    ApiResponse({
      status: 503,
      description: 'Servizio temporaneamente non disponibile, o fascicolo che non comprende ancora la versione chiesta con Versione-Minima (VERSIONE_NON_DISPONIBILE: riprovare dopo Retry-After)',
      content: problem(),
      headers: RETRY_AFTER,
    }),
  ];
}

/**
 * An operation's examples: a request body (when it takes one) and its 200 answer. Each e-service is published
 * with its own document, and a consumer reads these before anything else: they are checked against the
 * schemas by test/openapi-guidelines.spec.ts, which also fails an operation without them.
 */
export interface EsempiOperazione<R = unknown, E = unknown> {
  richiesta?: R;
  esito: E;
}

/** The answers every read operation may give: its 200 (with the examples) and the refusals. */
export function EserviceResponses(ok: Type<unknown>, body?: Type<unknown>, esempi?: EsempiOperazione) {
  return applyDecorators(
    ...(body
      ? [
          ApiExtraModels(body),
          ApiBody({
            schema: { $ref: getSchemaPath(body) },
            ...(esempi?.richiesta !== undefined ? { examples: { esempio: { summary: 'Esempio', value: esempi.richiesta } } } : {}),
          }),
        ]
      : []),
    ApiOkResponse({ type: ok, description: 'Esito', headers: { ...RATE_LIMIT_HEADERS, ...NO_STORE }, ...(esempi ? { example: esempi.esito } : {}) }),
    ...refusals(),
  );
}

/**
 * The answers of a write operation (ADR 0007): 202 once Kafka has the event — the change is in the dossier
 * after the version the answer names — and the refusals of a write on top of every operation's.
 */
export function EserviceWriteResponses(accepted: Type<unknown>, body: Type<unknown>, esempi: { richiesta: object; esito: object }) {
  const withHeaders = (status: number, description: string, headers: Record<string, object> = RATE_LIMIT_HEADERS) => ApiResponse({ status, description, content: problem(), headers });
  return applyDecorators(
    ApiBody({ type: body, examples: { esempio: { summary: 'Esempio', value: esempi.richiesta } } }),
    ApiResponse({
      status: 202,
      type: accepted,
      description: 'Accettata: Kafka ha l’evento; visibile nel fascicolo dopo versioneMinima',
      headers: { ...RATE_LIMIT_HEADERS, ...NO_STORE },
      example: esempi.esito,
    }),
    withHeaders(404, 'Record a cui si riferisce la scrittura (caso, PaIS, corso) non trovato: sconosciuto o non visibile al fruitore (la risposta è la stessa nei due casi)'),
    withHeaders(
      409,
      'In conflitto: versioneBase non più l’ultima (VERSIONE_NON_AGGIORNATA), un’altra scrittura dello stesso record accettata nel frattempo (INVIO_CONCORRENTE), ' +
        'una versione più recente non ancora nel fascicolo (AGGIORNAMENTO_IN_CORSO, con Retry-After), corso già inserito (CORSO_GIA_INSERITO)',
      { ...RATE_LIMIT_HEADERS, ...RETRY_AFTER },
    ),
    withHeaders(422, 'Contenuto non valido secondo le regole della fonte (GePI, SIISL): ogni problema con il suo campo, senza valori'),
    ...refusals(),
  );
}

/** Security requirements: a voucher (Bearer, or DPoP with its proof) plus the ModI headers required. */
function requirements(eservice: EserviceDef, takesBody: boolean): Record<string, string[]>[] {
  const modi: Record<string, string[]> = {};
  if (takesBody && eservice.patterns.includes('INTEGRITY_REST_02')) modi.AgidJwtSignature = [];
  if (eservice.patterns.includes('AUDIT_REST_02')) modi.AgidJwtTrackingEvidence = [];
  return [
    { PdndVoucherBearer: [], ...modi },
    { PdndVoucherDPoP: [], DPoPProof: [], ...modi },
  ];
}

/** ModI patterns an operation applies; INTEGRITY_REST_02 only where there is a body to sign. */
export function modiPatterns(eservice: EserviceDef, takesBody: boolean): string[] {
  const patterns = ['ID_AUTH_CHANNEL_01', 'ID_AUTH_REST_01'];
  if (takesBody && eservice.patterns.includes('INTEGRITY_REST_02')) patterns.push('INTEGRITY_REST_02');
  if (eservice.patterns.includes('AUDIT_REST_02')) patterns.push('AUDIT_REST_02');
  return patterns;
}

/**
 * Writes the e-service's security onto a handler's OpenAPI metadata. It replaces (not appends), so
 * registering the module again with another registry gives the same document as the first time.
 */
export function documentOperation(handler: object, eservice: EserviceDef, kind: 'operation' | 'probing', takesBody = false): void {
  const security = kind === 'probing' ? [{ PdndVoucherBearer: [] }] : requirements(eservice, takesBody);
  const extensions = {
    'x-pdnd-eservice': eservice.name,
    'x-modi-patterns': kind === 'probing' ? ['ID_AUTH_CHANNEL_01'] : modiPatterns(eservice, takesBody),
  };
  Reflect.defineMetadata(SWAGGER_METADATA.security, security, handler);
  Reflect.defineMetadata(SWAGGER_METADATA.extension, extensions, handler);
  const params = ((Reflect.getMetadata(SWAGGER_METADATA.parameters, handler) ?? []) as { name?: string }[]).filter((p) => p.name !== 'Digest' && p.name !== VERSIONE_MINIMA_PARAM.name);
  if (kind === 'operation' && takesBody && eservice.patterns.includes('INTEGRITY_REST_02')) {
    params.push({ name: 'Digest', in: 'header', required: true, description: 'SHA-256 del corpo esattamente come inviato (RFC 3230), firmato in Agid-JWT-Signature', schema: { type: 'string', maxLength: 512, example: 'SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=' } } as never);
  }
  // Read-your-writes: every operation takes it, whatever its body (VersioneMinimaGuard).
  if (kind === 'operation') params.push(VERSIONE_MINIMA_PARAM as never);
  Reflect.defineMetadata(SWAGGER_METADATA.parameters, params, handler);
}

/** The Versione-Minima header of every operation (ADR 0007). */
export const VERSIONE_MINIMA_PARAM = {
  name: 'Versione-Minima',
  in: 'header',
  required: false,
  description:
    "Legge le proprie scritture: il valore versioneMinima della risposta di una scrittura (Invio sostegni, Invio analisi preliminare, Inserimento e Aggiornamento " +
    "offerta formativa). La richiesta attende (al più pochi secondi) che il fascicolo comprenda quella scrittura; se non la comprende ancora risponde 503 " +
    'VERSIONE_NON_DISPONIBILE con Retry-After, mai con dati che non la contengono. Un valore che non è una versioneMinima di questa api: 400',
  schema: { type: 'string', maxLength: 1024, pattern: '^[A-Za-z0-9_-]+$', example: 'djE7ZnNsLmdlcGkuZXZlbnRzLnYxfDN8MTI4' },
} as const;

export const PROBING_OK = { esito: 'OK' } as const;

/** Answers of GET <basePath>/interop/probing. */
export function ProbingResponses() {
  return applyDecorators(
    ApiOkResponse({
      description: 'E-service raggiungibile',
      headers: { ...RATE_LIMIT_HEADERS, ...NO_STORE },
      content: { 'application/json': { schema: { type: 'object', properties: { esito: { type: 'string', enum: ['OK'], maxLength: 2 } } }, example: PROBING_OK } },
    }),
    ApiResponse({ status: 401, description: 'Token di probing PDND mancante o non valido', content: problem(), headers: { 'WWW-Authenticate': { description: 'Sfida Bearer', schema: { type: 'string', maxLength: 256 } }, ...RATE_LIMIT_HEADERS } }),
    ApiResponse({ status: 403, description: 'Token non destinato a questo e-service', content: problem(), headers: RATE_LIMIT_HEADERS }),
    ApiResponse({ status: 429, description: 'Troppe richieste', content: problem(), headers: { ...RETRY_AFTER, ...RATE_LIMIT_HEADERS } }),
    ApiResponse({ status: 503, description: 'Servizio temporaneamente non disponibile', content: problem(), headers: RETRY_AFTER }),
  );
}
