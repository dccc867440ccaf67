// Hand-written flows for the tests (synthetic people). The official examples of INPS's OpenAPI are quoted
// as they are published (MIT, xsd/LICENSE-MIT): their decoding is part of what the tests pin down.
import type { FlussoEntry } from './entry';

/** A valid CF (check character computed by hand-checked libs/codice-fiscale): VERDI ANNA, F, 1991-04-12, F205. */
export const CF = 'VRDNNA91D52F205Z';

export const PS_XML = `<?xml version="1.0" encoding="UTF-8"?>
<Flusso xmlns="http://inps.it/Casellario" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://inps.it/Casellario">
  <IdentificazioneFlusso Nome="F205.PS.20250110.0000012">
    <Ente Codice="F205" Denominazione="Comune di Milano" Indirizzo="F205" CFOperatore="BNCLRA80A41F205X"/>
  </IdentificazioneFlusso>
  <Beneficiario CodiceFiscale="${CF}">
    <Anagrafica Cognome="VERDI" Nome="ANNA" AnnoNascita="1991" LuogoNascita="F205" Genere="2" CodiceCittadinanza="380"/>
    <Indirizzo CodiceRegione="03" CodiceComune="015146" CodiceNazione="380"/>
    <PrestazioniSociali TipoOperazione="I" PresenzaProvaMezzi="1" CaratterePrestazione="1" NumeroProtocolloDSU="INPS-ISEE-2024-000000001-00" AnnoProtocolloDSU="2024" DataDSU="2024-01-15" CodicePrestazione="A1.04" DenominazionePrestazione="Contributo per il sostegno al reddito familiare" ProtocolloDomanda="PG/2024/0012345" DataEvento="2024-12-20" DataInizioPrestazione="2025-01-01" DataFinePrestazione="2025-06-30" PeriodoErogazione="6" ImportoMensile="300.00" ImportoQuotaEnte="250.00" ImportoQuotaUtente="50.00" ImportoQuotaRichiesta="300.00" ImportoSogliaISEE="9360.00" PresaCarico="1" AreaUtenza="3">
      <SINA Mobilita="2" AttivitaVitaQuotidiana="2" DisturbiComportamentali="1" AreaReddituale="3" AreaSupporto="2" FonteDerivazioneValutazione="2" StrumentoValutazione="7">
        <NecessitaInterventiSociali>
          <CodicePrestazione>A2.07</CodicePrestazione>
        </NecessitaInterventiSociali>
        <InvaliditaCivile>
          <InvCiv>5</InvCiv>
        </InvaliditaCivile>
      </SINA>
    </PrestazioniSociali>
  </Beneficiario>
</Flusso>
`;

export const b64 = (xml: string, encoding: BufferEncoding = 'utf8'): string => Buffer.from(xml, encoding).toString('base64');

export const psEntry = (xml: string = PS_XML, over: Partial<Record<keyof FlussoEntry, unknown>> = {}): Record<string, unknown> => ({
  codice_ente: 'F205',
  denominazione_ente: 'Comune di Milano',
  id_flusso: 'F205.PS.20250110.0000012',
  tipo: 'PS_PSA_SINA',
  ts_flusso: '2025-01-10T09:30:00.125Z',
  flusso: b64(xml),
  ...over,
});

export const SINBA_XML = `<?xml version="1.0" encoding="UTF-8"?>
<Flusso xmlns="http://inps.it/Casellario">
  <IdentificazioneFlusso Nome="F205.SINBA.20250110.0000003">
    <Ente Codice="F205" Indirizzo="F205" CFOperatore="BNCLRA80A41F205X"/>
  </IdentificazioneFlusso>
  <SINBA IDBeneficiario="MIN-0042" MinoreStranieroNoAcc="2" CondizioneMinore="1" LuogoVita="3" ScuolaFrequentata="5" CondizioneLavoro="1" Disabilita="2" DataPrimaSegnalazione="09/2023" FonteSegnalazione="13" ValutazioneMinore="2" ValutazioneFamigliaMinore="6" SegnalazioneAutoritaGiudiziaria="1" ProvvedimentoGiudiziario="1" DataProvvedimentoGiudiziario="11/2023" AutoritaProvvedimento="2" TipoProvvedimentoGiudiziario="4" NumeroComponentiISEE="4" FasciaEtaBeneficiario="4" AnnoNascita="2015" CodiceNazioneResidenza="380">
    <Prestazioni>
      <CodicePrestazione>A2.02</CodicePrestazione>
    </Prestazioni>
    <Famiglia>
      <ComposizioneFamiglia>1</ComposizioneFamiglia>
      <ComposizioneFamiglia>3</ComposizioneFamiglia>
    </Famiglia>
  </SINBA>
</Flusso>
`;

export const sinbaEntry = (xml: string = SINBA_XML, over: Partial<Record<keyof FlussoEntry, unknown>> = {}): Record<string, unknown> => ({
  codice_ente: 'F205',
  id_flusso: 'F205.SINBA.20250110.0000003',
  tipo: 'SINBA',
  ts_flusso: '2025-01-10T09:30:00.125Z',
  flusso: b64(xml),
  ...over,
});

/** INPS's official SINBA example entry (api-comuni.yaml, RispostaConFlussi, second item), as published. */
export const OFFICIAL_SINBA_ENTRY = {
  codice_ente: 'H501',
  denominazione_ente: 'Comune di Roma',
  id_flusso: 'H501.PS.20210520.00000004',
  ts_flusso: '2023-11-27T11:04:56.852Z',
  tipo: 'SINBA',
  flusso: b64(`<Flusso xmlns="http://inps.it/Casellario" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://inps.it/Casellario">
<IdentificazioneFlusso Nome="H501.SINBA.20210520.00000004">
<Ente Codice="H501" Denominazione="COMUNE DI ROMA" CFOperatore="GHBLDE25A42H199X" Indirizzo="H501"/>
</IdentificazioneFlusso>
<SINBA ValutazioneFamigliaMinore="1" AnnoNascita="2005" NumeroComponentiISEE="9" CodiceNazioneResidenza="380" InvCivCertificazioni="1" ValutazioneMinore="1" MinoreStranieroNoAcc="1" LuogoVita="1" ProvvedimentoGiudiziario="1" DataProvvedimentoGiudiziario="03/2012" AutoritaProvvedimento="1" CondizioneLavoro="1" CondizioneMinore="1" Disabilita="1" TipoDisabilita="1" FonteSegnalazione="1" DataPrimaSegnalazione="01/2010" FasciaEtaBeneficiario="2" SegnalazioneAutoritaGiudiziaria="1" DataSegnalazione="06/2016" FasciaISEEBeneficiario="1" ScuolaFrequentata="1" IDBeneficiario="PROVA BENEF">
<Prestazioni>
<CodicePrestazione>A1.02</CodicePrestazione>
<CodicePrestazione>A2.06</CodicePrestazione>
</Prestazioni>
<Famiglia>
<ComposizioneFamiglia>1</ComposizioneFamiglia>
<ComposizioneFamiglia>2</ComposizioneFamiglia>
</Famiglia>
</SINBA>
</Flusso>`),
};

/** INPS's official PS_PSA_SINA example flow (api-comuni.yaml, RispostaConFlussi, first item), its SINA blocks left out: three benefits. */
export const OFFICIAL_PS_THREE_BENEFITS_XML = `<Flusso xmlns="http://inps.it/Casellario" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://inps.it/Casellario">
<IdentificazioneFlusso Nome="H501.PS.20210520.0000002">
<Ente Denominazione="aaaaa" Codice="H501" CFOperatore="CCCDDD25A42H199X" Indirizzo="H501"/>
</IdentificazioneFlusso>
<Beneficiario CodiceFiscale="AAABBB39M66A351C">
<Anagrafica AnnoNascita="1939" Genere="2" CodiceCittadinanza="380" Nome="BBB" LuogoNascita="A351" Cognome="AAA"/>
<Indirizzo CodiceComune="068001" CodiceNazione="380" CodiceRegione="01"/>
<PrestazioniSociali CaratterePrestazione="1" AreaUtenza="2" ImportoQuotaUtente="21.71" ImportoQuotaRichiesta="151.64" TipoOperazione="I" DataInizioPrestazione="2020-10-14" CodicePrestazione="A1.16" DenominazionePrestazione="Contributi economici per servizio trasporto e mobilità" ProtocolloDomanda="12356Mari" DataEvento="2020-10-13" ImportoMensile="101.23" ImportoQuotaSSN="0.0" PeriodoErogazione="1" ImportoSogliaISEE="17000.0" PresaCarico="1" DataFinePrestazione="2020-11-13" ImportoQuotaEnte="52.54" PresenzaProvaMezzi="2" OreServizioMensile="2.59"/>
<PrestazioniSociali CaratterePrestazione="1" AreaUtenza="2" ImportoQuotaUtente="21.71" ImportoQuotaRichiesta="151.64" TipoOperazione="I" DataInizioPrestazione="2020-11-14" CodicePrestazione="A2.16" DenominazionePrestazione="Interventi di supporto per reperimento alloggi" ProtocolloDomanda="12356Mari" DataEvento="2020-10-13" ImportoMensile="101.23" ImportoQuotaSSN="26.98" PeriodoErogazione="1" ImportoSogliaISEE="17000.0" PresaCarico="1" DataFinePrestazione="2020-12-13" ImportoQuotaEnte="52.54" PresenzaProvaMezzi="2" OreServizioMensile="2.59"/>
<PrestazioniSociali CaratterePrestazione="2" ImportoQuotaUtente="155.56" ImportoQuotaRichiesta="351.64" TipoOperazione="I" DataErogazionePrestazione="2020-12-01" ImportoPrestazione="1265.23" CodicePrestazione="A1.09" DenominazionePrestazione="Telesoccorso e teleassistenza" ProtocolloDomanda="test" DataEvento="2020-10-13" ImportoQuotaSSN="141.98" ImportoSogliaISEE="34308.0" PresaCarico="2" ImportoQuotaEnte="967.69" PresenzaProvaMezzi="2" OreServizioMensile="2.59"> </PrestazioniSociali>
</Beneficiario>
</Flusso>`;
