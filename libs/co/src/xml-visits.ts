// Which parts of a ministry XML the mapping actually read. The mapping reads the parsed document through
// proxies that record every element and attribute name it asks for; whatever was never asked for is
// data the model has no place for, and is returned to the sender as a warning instead of vanishing.
import { echoedName } from './echoed-names';
import type { Problem } from './problems';

type Node = Record<string, unknown>;

export const IGNORED_MESSAGES = {
  ELEMENTO_XML_IGNORATO: 'This XML element is not part of the CO model and was not read.',
  ATTRIBUTO_XML_IGNORATO: 'This XML attribute is not part of the CO model and was not read.',
} as const;

/** Enough to tell a sender what to look at; a document with more distinct unknown names is not a CO. */
const MAX_WARNINGS = 100;

const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);

export class XmlVisits {
  private readonly seen = new Set<string>();

  /** `value` seen through proxies that record the paths read, starting at `path`. */
  track(value: unknown, path: string): unknown {
    if (Array.isArray(value)) return value.map((v, i) => this.track(v, `${path}[${i}]`));
    if (!isNode(value)) return value;
    return new Proxy(value, {
      get: (target, key) => {
        if (typeof key !== 'string') return Reflect.get(target, key);
        const child = `${path}/${key}`;
        this.seen.add(child);
        return this.track(target[key], child);
      },
    });
  }

  /**
   * Every element and attribute under `value` that was never read, once per name path (repeated elements
   * are not listed once per occurrence), in document order.
   */
  ignored(value: unknown, path: string): Problem[] {
    const out = new Map<string, Problem>();
    const walk = (v: unknown, at: string): void => {
      if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${at}[${i}]`));
      if (!isNode(v)) return;
      for (const key of Object.keys(v)) {
        const child = `${at}/${key}`;
        if (this.seen.has(child)) walk(v[key], child);
        else if (out.size < MAX_WARNINGS) {
          const shown = displayPath(child);
          if (!out.has(shown)) out.set(shown, warning(shown, key));
        }
      }
    };
    walk(value, path);
    return [...out.values()];
  }
}

/** `UniLav/Lavoratore[0]/@_tipo` → `UniLav/Lavoratore/@tipo`; element text → `…/text()`. */
function displayPath(path: string): string {
  return path
    .replace(/\[\d+\]/g, '')
    .split('/')
    .map((seg) => (seg === '#text' ? 'text()' : seg.startsWith('@_') ? `@${echoedName(seg.slice(2))}` : echoedName(seg)))
    .join('/');
}

function warning(path: string, key: string): Problem {
  const code = key.startsWith('@_') ? 'ATTRIBUTO_XML_IGNORATO' : 'ELEMENTO_XML_IGNORATO';
  return { path, code, message: IGNORED_MESSAGES[code] };
}
