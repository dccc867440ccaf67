import { Backbone1732650000000 } from './1732650000000-Backbone';
import { AccessAudit1732660000000 } from './1732660000000-AccessAudit';
import { IngestCo1732670000000 } from './1732670000000-IngestCo';
import { CartellaLavorativa1732680000000 } from './1732680000000-CartellaLavorativa';
import { CoChainsAndRefusals1732690000000 } from './1732690000000-CoChainsAndRefusals';
import { AppRoles1733500000000 } from './1733500000000-AppRoles';
import { CoUnknownCodes1765090000000 } from './1765090000000-CoUnknownCodes';
import { SiislProjections1765100000000 } from './1765100000000-SiislProjections';
import { SiislIngest1765105000000 } from './1765105000000-SiislIngest';
import { GepiProjections1765110000000 } from './1765110000000-GepiProjections';
import { GepiIngest1765120000000 } from './1765120000000-GepiIngest';
import { SiussProjections1765200000000 } from './1765200000000-SiussProjections';
import { GepiCasoElenchi1765210000000 } from './1765210000000-GepiCasoElenchi';
import { ApiInvii1765240000000 } from './1765240000000-ApiInvii';
import { SiussIngest1765202000000 } from './1765202000000-SiussIngest';
import { OperatorTools1765250000000 } from './1765250000000-OperatorTools';

// Every migration, in order. New migrations are appended here and never edited once merged.
export const MIGRATIONS = [
  Backbone1732650000000,
  AccessAudit1732660000000,
  IngestCo1732670000000,
  CartellaLavorativa1732680000000,
  CoChainsAndRefusals1732690000000,
  AppRoles1733500000000,
  CoUnknownCodes1765090000000,
  SiislProjections1765100000000,
  SiislIngest1765105000000,
  GepiProjections1765110000000,
  GepiIngest1765120000000,
  SiussProjections1765200000000,
  SiussIngest1765202000000,
  GepiCasoElenchi1765210000000,
  ApiInvii1765240000000,
  OperatorTools1765250000000,
];
