// The hardened front of every XML reader of the product (CO documents, the SIUSS flows of libs/siuss):
// size and depth limits, no DTD (so no entity expansion and no external entities), well-formedness. What
// the readers do with the tree differs, so the tree comes back in one of two shapes.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Why a text was not read. Fixed codes: the caller turns them into its own problems. */
export type XmlRefusal = 'XML_TOO_LARGE' | 'XML_DOCTYPE' | 'XML_NOT_WELL_FORMED' | 'XML_TOO_DEEP';

export interface SafeXmlOptions {
  /** Longest text read, in UTF-16 code units (string length). Default: no limit (the caller's body limit applies). */
  maxChars?: number;
  /** Deepest element nesting. Default 100: no document of the product comes near it. */
  maxDepth?: number;
  /**
   * `object`: fast-xml-parser's object tree, attributes as `@_name`, values trimmed, the five predefined
   * entities decoded (libs/co's reading since its first version).
   * `ordered`: the ordered tree (`preserveOrder`), attributes under `:@` without prefix, nothing trimmed,
   * CDATA under `#cdata`, references left raw for `decodeXmlReferences`: what a validator that must follow
   * an XML Schema to the letter (element order, white space, character references) needs.
   */
  mode?: 'object' | 'ordered';
}

export type SafeXmlResult = { ok: true; doc: unknown } | { ok: false; reason: XmlRefusal };

export const DEFAULT_MAX_XML_DEPTH = 100;

const objectParser = (maxNestedTags: number) =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    // Values stay strings: codes such as cittadinanza 000 or CF 02877740213 must not become numbers.
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    maxNestedTags,
  });

const orderedParser = (maxNestedTags: number) =>
  new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    // fast-xml-parser's own decoding is lenient (it lets &nbsp; through, and leaves &#65; alone unless
    // HTML entities are on): references are decoded strictly by decodeXmlReferences instead.
    processEntities: false,
    htmlEntities: false,
    cdataPropName: '#cdata',
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags,
  });

/** Characters XML 1.0 allows in a document (§2.2); anything else makes it not well-formed. */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** XML 1.0 §2.8: the declaration, when there is one, opens the document and has this shape. */
const XML_DECLARATION = /^\uFEFF?<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1([ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?([ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(yes|no)\5)?[ \t\r\n]*\?>/;

/** fast-xml-parser does not check the declaration: a malformed one, or one that is not first, is refused here. */
function declarationOk(xml: string): boolean {
  const first = xml.search(/<\?xml[ \t\r\n?]/i);
  if (first < 0) return true;
  const declared = XML_DECLARATION.exec(xml);
  return declared !== null && xml.slice(declared[0].length).search(/<\?xml[ \t\r\n?]/i) < 0;
}

/** Reads an XML text within the limits, or says why not. Never throws because of the input. */
export function parseXmlSafely(xml: string, opts: SafeXmlOptions = {}): SafeXmlResult {
  if (opts.maxChars !== undefined && xml.length > opts.maxChars) return { ok: false, reason: 'XML_TOO_LARGE' };
  // None of our documents needs a DTD; refusing DOCTYPE rules out entity expansion and external entities.
  if (/<!DOCTYPE/i.test(xml)) return { ok: false, reason: 'XML_DOCTYPE' };
  if (NOT_XML_CHAR.test(xml) || !declarationOk(xml) || XMLValidator.validate(xml) !== true) return { ok: false, reason: 'XML_NOT_WELL_FORMED' };
  const maxDepth = opts.maxDepth ?? DEFAULT_MAX_XML_DEPTH;
  try {
    const parser = opts.mode === 'ordered' ? orderedParser(maxDepth) : objectParser(maxDepth);
    return { ok: true, doc: parser.parse(xml) };
  } catch (err) {
    return { ok: false, reason: err instanceof Error && /nested tags/i.test(err.message) ? 'XML_TOO_DEEP' : 'XML_NOT_WELL_FORMED' };
  }
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * A raw attribute value or text of the `ordered` tree with its references decoded: the five predefined
 * entities and character references to characters XML allows. `undefined` for anything else (an undeclared
 * entity such as `&nbsp;`, a bare `&`, a `<` left in an attribute): the document was not well-formed.
 */
export function decodeXmlReferences(raw: string): string | undefined {
  if (raw.includes('<')) return undefined;
  let bad = false;
  const out = raw.replace(/&([^;&]*);?/g, (all, name: string) => {
    if (!all.endsWith(';')) return ((bad = true), all);
    const predefined = PREDEFINED[name];
    if (predefined !== undefined) return predefined;
    const m = /^#(?:([0-9]+)|x([0-9a-fA-F]+))$/.exec(name);
    const cp = m ? parseInt(m[1] ?? m[2], m[1] !== undefined ? 10 : 16) : NaN;
    if (!(cp <= 0x10ffff) || NOT_XML_CHAR.test(String.fromCodePoint(cp))) return ((bad = true), all);
    return String.fromCodePoint(cp);
  });
  return bad ? undefined : out;
}

/**
 * XML 1.0 §3.3.3 for attributes of type CDATA (all of ours): each literal tab, line feed or carriage return
 * becomes a space (a CR LF pair is one line end, so one space). Call it on the raw value, before
 * decodeXmlReferences: a character written as a reference (`&#10;`) is kept.
 */
export const normalizeAttributeWhitespace = (raw: string): string => raw.replace(/\r\n?/g, '\n').replace(/[\t\n]/g, ' ');
