import type { Type } from '@nestjs/common';
import {
  EsitoCurriculumDto,
  EsitoIdentificativoOffertaFormativaDto,
  EsitoImpegniPaisDto,
  EsitoIscrizioniCorsiDto,
  EsitoManifestazioniInteresseDto,
  EsitoMisureInclusioneDto,
  EsitoOffertaFormativaDto,
  EsitoOfferteLavoroDto,
  EsitoPartecipazioniPucDto,
  EsitoSostegniPaisDto,
  RichiestaCittadinoDto,
  RichiestaIdentificativoOffertaFormativaDto,
  RichiestaOffertaFormativaDto,
} from '../cittadino/contract';
import type { KindFetta } from '../cittadino/fette';
import { FetteCittadinoService, type EsitoFetta } from '../cittadino/fette.service';
import { OfferteFormativeService } from '../cittadino/offerte-formative';
import { eserviceController } from './eservice.controller';
import * as esempi from './cittadino.esempi';

// The e-services that serve one slice of a citizen's dossier, the same service behind them
// (cittadino/fette.service.ts), and the two on the course catalogue; each controller from eserviceController.

interface FettaSpec<K extends KindFetta> {
  name: string;
  kind: K;
  tag: string;
  ok: Type<unknown>;
  summary: string;
  description: string;
  esito: EsitoFetta<K>;
}

const STESSA_RISPOSTA =
  ' Un codice fiscale sconosciuto e un cittadino non visibile al fruitore hanno la stessa risposta (versione 0, elenco vuoto). Ogni consultazione è nel registro degli accessi del cittadino.';

const fettaController = <K extends KindFetta>(spec: FettaSpec<K>) =>
  eserviceController<FetteCittadinoService>({
    nome: spec.name,
    kind: spec.kind,
    tag: spec.tag,
    summary: spec.summary,
    description: spec.description + STESSA_RISPOSTA,
    esito: spec.ok,
    richiesta: RichiestaCittadinoDto,
    esempi: { richiesta: esempi.CITTADINO, esito: spec.esito },
    servizio: FetteCittadinoService,
    gestisci: (fette, call, body) => fette.consult(spec.kind, call, body),
  });

export const PartecipazioniPucController = fettaController({
  name: 'PartecipazioniPucController',
  kind: 'partecipazioni-puc',
  tag: 'partecipazioni-puc',
  ok: EsitoPartecipazioniPucDto,
  summary: 'Partecipazioni di un cittadino a Progetti utili alla collettività',
  description:
    'Le partecipazioni a PUC dal SIISL e da GePI, una volta sola quando le due fonti riportano lo stesso progetto e periodo (fonti). ' +
    'Come nella cartella sociale, solo per le finalità che comprendono tutta la cartella sociale (non limitate ai casi PaIS del proprio ente).',
  esito: esempi.PARTECIPAZIONI_PUC,
});

export const ImpegniPaisController = fettaController({
  name: 'ImpegniPaisController',
  kind: 'impegni-pais',
  tag: 'impegni-pais',
  ok: EsitoImpegniPaisDto,
  summary: 'Impegni del PaIS assunti da un cittadino',
  description:
    'Gli impegni che il PaIS corrente di ciascun caso del cittadino gli assegna, con il caso e il PaIS da cui vengono. ' +
    'Solo i casi visibili al fruitore: quelli che il suo ente gestisce oggi, o tutti se la finalità lo consente.',
  esito: esempi.IMPEGNI_PAIS,
});

export const SostegniPaisController = fettaController({
  name: 'SostegniPaisController',
  kind: 'sostegni-pais',
  tag: 'sostegni-pais',
  ok: EsitoSostegniPaisDto,
  summary: 'Sostegni del PaIS di cui un cittadino è beneficiario',
  description:
    'I sostegni del PaIS corrente di ciascun caso del cittadino che lo nominano beneficiario o che sono per tutto il nucleo nel periodo in cui ne fa parte (tirocini di inclusione compresi), ' +
    'con il caso e il PaIS da cui vengono; gli altri beneficiari non sono indicati. Solo i casi visibili al fruitore, come per gli impegni.',
  esito: esempi.SOSTEGNI_PAIS,
});

export const MisureInclusioneController = fettaController({
  name: 'MisureInclusioneController',
  kind: 'misure-inclusione',
  tag: 'misure-inclusione',
  ok: EsitoMisureInclusioneDto,
  summary: 'Misure di inclusione di un cittadino',
  description:
    'Le misure ADI e SFL (dal SIISL) di cui il cittadino è richiedente o componente del nucleo, con il suo percorso dopo il PAD e gli importi mensili. ' +
    'Solo per le finalità che comprendono tutta la cartella sociale.',
  esito: esempi.MISURE_INCLUSIONE,
});

export const IscrizioniCorsiController = fettaController({
  name: 'IscrizioniCorsiController',
  kind: 'iscrizioni-corsi',
  tag: 'iscrizioni-corsi',
  ok: EsitoIscrizioniCorsiDto,
  summary: 'Iscrizioni di un cittadino a corsi di formazione',
  description: 'Le iscrizioni a corsi di formazione dal SIISL, ciascuna con la storia degli eventi (iscrizione, avvio, ritiro, conclusione, certificazione) e il corso collegato.',
  esito: esempi.ISCRIZIONI_CORSI,
});

export const ManifestazioniInteresseController = fettaController({
  name: 'ManifestazioniInteresseController',
  kind: 'manifestazioni-interesse',
  tag: 'manifestazioni-interesse',
  ok: EsitoManifestazioniInteresseDto,
  summary: 'Manifestazioni di interesse di un cittadino per corsi di formazione',
  description: 'Le manifestazioni di interesse per corsi dal SIISL, con il corso collegato.',
  esito: esempi.MANIFESTAZIONI_INTERESSE,
});

export const CurriculumController = fettaController({
  name: 'CurriculumController',
  kind: 'curriculum',
  tag: 'curricula',
  ok: EsitoCurriculumDto,
  summary: 'Curriculum corrente di un cittadino',
  description: 'Il curriculum SIISL corrente e l’elenco delle versioni ricevute; una versione precedente si legge con l’e-service Versione curriculum.',
  esito: esempi.CURRICULUM,
});

export const OfferteLavoroController = fettaController({
  name: 'OfferteLavoroController',
  kind: 'offerte-lavoro',
  tag: 'offerte-lavoro',
  ok: EsitoOfferteLavoroDto,
  summary: 'Offerte di lavoro proposte a un cittadino',
  description:
    'Le proposte di lavoro del SIISL (proposte, accettate, rifiutate, scadute), ciascuna con l’offerta collegata e l’esito. ' +
    'Nessun dato sociale: né misure, né casi, né il motivo testuale di un rifiuto, solo se il rifiuto è giustificato.',
  esito: esempi.OFFERTE_LAVORO,
});

export const OffertaFormativaController = eserviceController<OfferteFormativeService>({
  nome: 'OffertaFormativaController',
  kind: 'offerta-formativa',
  tag: 'offerte-formative',
  summary: 'Dettaglio di un’offerta formativa',
  description:
    'Un corso del catalogo SIISL per identificativo, nella sua versione corrente: ente, sede, date, ore, posti, competenze. ' +
    'Un corso cancellato nel SIISL risponde con eliminato true e senza contenuto. Il catalogo non contiene dati personali: la consultazione non è nel registro degli accessi.',
  esito: EsitoOffertaFormativaDto,
  richiesta: RichiestaOffertaFormativaDto,
  esempi: { richiesta: { corsoId: esempi.CORSO_ID }, esito: esempi.OFFERTA_FORMATIVA },
  nonTrovato: 'Nessun corso con questo identificativo nel catalogo SIISL',
  servizio: OfferteFormativeService,
  gestisci: (offerte, call, body) => offerte.dettaglio(call, body),
});

export const IdentificativoOffertaFormativaController = eserviceController<OfferteFormativeService>({
  nome: 'IdentificativoOffertaFormativaController',
  kind: 'identificativo-offerta-formativa',
  tag: 'identificativi-offerte-formative',
  summary: 'Identificativo SIISL di un’offerta formativa',
  description:
    "L'identificativo SIISL di un corso corrente dati il codice fiscale dell'ente di formazione e il codice che l'ente dà al corso. " +
    "Se due corsi correnti hanno gli stessi dati, l'identificativo minore.",
  esito: EsitoIdentificativoOffertaFormativaDto,
  richiesta: RichiestaIdentificativoOffertaFormativaDto,
  esempi: { richiesta: { codiceFiscaleEnte: esempi.ENTE_CF, codiceCorsoEnte: esempi.CODICE_CORSO_ENTE }, esito: { corsoId: esempi.CORSO_ID, versione: 1 } },
  nonTrovato: "Nessun corso corrente con questi dati dell'ente (mai ricevuto o cancellato)",
  servizio: OfferteFormativeService,
  gestisci: (offerte, call, body) => offerte.identificativo(call, body),
});
