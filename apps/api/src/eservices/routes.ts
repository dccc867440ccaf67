import { Module, type Type } from '@nestjs/common';
import { MODULE_PATH } from '@nestjs/common/constants';
import type { EserviceDef, EserviceKind, EserviceRegistry } from '../registry/eservices';
import { CasoPaisController } from './caso-pais.controller';
import {
  CurriculumController,
  IdentificativoOffertaFormativaController,
  ImpegniPaisController,
  IscrizioniCorsiController,
  ManifestazioniInteresseController,
  MisureInclusioneController,
  OffertaFormativaController,
  OfferteLavoroController,
  PartecipazioniPucController,
  SostegniPaisController,
} from './cittadino.controllers';
import {
  AnalisiPreliminareController,
  CasiPaisCittadinoController,
  CasiPaisEnteController,
  CasoPaisMisuraController,
  EquipeMultidisciplinareController,
  NucleoCasoController,
  PadNucleoController,
  PaisController,
  QuadroAnalisiController,
} from './casi-pais.controllers';
import { CartellaFormativaEserviceController, CartellaLavorativaEserviceController, CartellaSocialeEserviceController, FascicoloController } from './cartelle.controllers';
import { ESERVICE_OPERATION, type EserviceController } from './eservice.controller';
import { AggiornamentoOffertaFormativaController, InserimentoOffertaFormativaController, InvioAnalisiPreliminareController, InvioSostegniController } from './invii.controllers';
import { documentOperation } from './openapi';
import { RapportiLavoroAttiviController, RapportiLavoroController, RequisitoOccupazionaleController } from './rapporti-lavoro.controllers';
import { RegistroAccessiController } from './registro-accessi.controller';
import { VersioneCurriculumController } from './versione-curriculum.controller';

// Every kind has its handler here; a registry naming a kind without one is refused at boot (below).
const CONTROLLERS: Partial<Record<EserviceKind, Type<EserviceController>>> = {
  fascicolo: FascicoloController,
  'cartella-lavorativa': CartellaLavorativaEserviceController,
  'cartella-sociale': CartellaSocialeEserviceController,
  'cartella-formativa': CartellaFormativaEserviceController,
  'registro-accessi': RegistroAccessiController,
  'versione-curriculum': VersioneCurriculumController,
  'caso-pais': CasoPaisController,
  'partecipazioni-puc': PartecipazioniPucController,
  'impegni-pais': ImpegniPaisController,
  'sostegni-pais': SostegniPaisController,
  'misure-inclusione': MisureInclusioneController,
  'offerta-formativa': OffertaFormativaController,
  'identificativo-offerta-formativa': IdentificativoOffertaFormativaController,
  'iscrizioni-corsi': IscrizioniCorsiController,
  'manifestazioni-interesse': ManifestazioniInteresseController,
  curriculum: CurriculumController,
  'offerte-lavoro': OfferteLavoroController,
  'rapporti-lavoro': RapportiLavoroController,
  'rapporti-lavoro-attivi': RapportiLavoroAttiviController,
  'requisito-occupazionale': RequisitoOccupazionaleController,
  pais: PaisController,
  'analisi-preliminare': AnalisiPreliminareController,
  'equipe-multidisciplinare': EquipeMultidisciplinareController,
  'quadro-analisi': QuadroAnalisiController,
  'casi-pais-ente': CasiPaisEnteController,
  'caso-pais-misura': CasoPaisMisuraController,
  'casi-pais-cittadino': CasiPaisCittadinoController,
  'nucleo-caso': NucleoCasoController,
  'pad-nucleo': PadNucleoController,
  'invio-sostegni': InvioSostegniController,
  'invio-analisi-preliminare': InvioAnalisiPreliminareController,
  'aggiornamento-offerta-formativa': AggiornamentoOffertaFormativaController,
  'inserimento-offerta-formativa': InserimentoOffertaFormativaController,
};

function controllerOf(kind: EserviceKind): Type<EserviceController> {
  const controller = CONTROLLERS[kind];
  if (!controller) throw new Error(`e-service registry: no handler for kind ${kind}`);
  return controller;
}

/**
 * A module per published e-service, mounted under its basePath: the path Nest prefixes to a module's
 * controllers is module metadata, so the basePath can come from the registry instead of a decorator.
 * (RouterModule does the same but only once the app starts, too late for the OpenAPI document.)
 * A new class per app, so two apps with different registries in one process do not share paths.
 */
function mounted(eservice: EserviceDef): Type<unknown> {
  const controller = controllerOf(eservice.kind);
  const mod = class {};
  Object.defineProperty(mod, 'name', { value: `${controller.name}Module` });
  Module({ controllers: [controller] })(mod);
  Reflect.defineMetadata(MODULE_PATH, eservice.basePath, mod);
  return mod;
}

/** The handler of a controller's operation: the method marked @OperazioneEservice(), or else `consulta`. */
export function operationOf(controller: Type<EserviceController>): object {
  const proto = controller.prototype as unknown as Record<string, unknown>;
  const marked = Object.getOwnPropertyNames(proto)
    .map((name) => proto[name])
    .filter((m): m is object => typeof m === 'function' && Reflect.getMetadata(ESERVICE_OPERATION, m) === true);
  if (marked.length > 1) throw new Error(`e-service controller ${controller.name}: more than one method marked @OperazioneEservice()`);
  const handler = marked[0] ?? proto.consulta;
  if (typeof handler !== 'function') throw new Error(`e-service controller ${controller.name}: no operation (a method marked @OperazioneEservice(), or consulta)`);
  return handler;
}

/** The modules of the e-services the registry publishes, each under its basePath; the others are absent (404). */
export function eserviceModules(registry: EserviceRegistry): Type<unknown>[] {
  return registry.all().map((eservice) => {
    documentOperation(operationOf(controllerOf(eservice.kind)), eservice, 'operation', true);
    return mounted(eservice);
  });
}
