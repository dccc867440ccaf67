// Test helper (not part of the built library): the official XSDs of libs/siuss/xsd in a real validator,
// libxml2 compiled to WebAssembly (xmllint-wasm, a root devDependency). Many documents go in one call: the
// validator's start-up costs more than a flow.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

export const XSD_DIR = join(__dirname, '..', 'xsd');
export const XSD_FILES = { PS_PSA_SINA: 'PS_PSA_SINA201812.xsd', SINBA: 'SINBA.xsd' } as const;

export interface XsdVerdict {
  valid: boolean;
  /** xmllint's messages for this document (they may quote values: keep them out of assertions' output in CI logs of real data; ours is synthetic). */
  errors: string[];
}

/** Validates each document against the XSD of its type; verdicts in the order given. */
export async function validateWithXsd(tipo: keyof typeof XSD_FILES, documents: ReadonlyArray<string | Uint8Array>): Promise<XsdVerdict[]> {
  if (documents.length === 0) return [];
  const names = documents.map((_, i) => `doc${i}.xml`);
  const r = await validateXML({
    xml: documents.map((contents, i) => ({ fileName: names[i], contents })),
    schema: [{ fileName: XSD_FILES[tipo], contents: readFileSync(join(XSD_DIR, XSD_FILES[tipo]), 'utf8') }],
    // Generous: a batch of a few hundred flows.
    maxMemoryPages: 1024,
  });
  const validates = new Set(r.rawOutput.split('\n').map((l) => /^(doc\d+\.xml) validates$/.exec(l.trim())?.[1]).filter((x): x is string => x !== undefined));
  return names.map((n) => ({ valid: validates.has(n), errors: r.errors.filter((e) => e.loc?.fileName === n || e.rawMessage.startsWith(`${n}:`)).map((e) => e.rawMessage) }));
}
