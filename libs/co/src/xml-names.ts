// Root elements and namespaces of the ministerial XML. UniLav and UniSomm namespaces are attested in real
// files (see libs/co/README.md); the VarDatori and UniUrg ones follow the same pattern but are our assumption,
// since the XSDs are not public.
import type { Modello } from './model';

export const XML_ROOTS: Readonly<Record<Modello, { element: string; namespace: string }>> = {
  UNILAV: { element: 'UniLav', namespace: 'http://servizi.lavoro.gov.it/unilav' },
  UNISOMM: { element: 'UniSomm', namespace: 'http://servizi.lavoro.gov.it/unisomm' },
  VARDATORI: { element: 'VarDatori', namespace: 'http://servizi.lavoro.gov.it/vardatori' },
  UNIURG: { element: 'UniUrg', namespace: 'http://servizi.lavoro.gov.it/uniurg' },
};

/** Container of a multi-CO file: <Comunicazioni><Comunicazione>…one model root…</Comunicazione>…</Comunicazioni>. */
export const XML_BATCH_ROOT = 'Comunicazioni';
export const XML_BATCH_ITEM = 'Comunicazione';

export function modelOfRoot(element: string): Modello | undefined {
  return (Object.keys(XML_ROOTS) as Modello[]).find((m) => XML_ROOTS[m].element === element);
}
