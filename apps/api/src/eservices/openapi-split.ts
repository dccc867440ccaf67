import type { OpenAPIObject } from '@nestjs/swagger';
import type { EserviceDef } from '../registry/eservices';

// PDND publishes each e-service with its own interface: one OpenAPI document per registry entry, cut from
// the whole api's document (the same decorators, the same generation), so the two never disagree. Each has
// the e-service's operations with their paths relative to its own server URL (origin + basePath), the
// service status, its own title and description, and only the components its operations reference.

type Json = unknown;
type Operation = { summary?: string; description?: string; tags?: string[]; security?: Record<string, string[]>[]; 'x-pdnd-eservice'?: string; 'x-modi-patterns'?: string[] };
type PathItem = Record<string, Json>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const operationsOf = (item: PathItem): Operation[] => METHODS.flatMap((m) => (item[m] ? [item[m] as Operation] : []));

/** The e-service a path belongs to: the one whose basePath is its longest prefix (one basePath may nest in another). */
export function ownerOf(path: string, eservices: readonly EserviceDef[]): EserviceDef | undefined {
  let owner: EserviceDef | undefined;
  for (const e of eservices) {
    if ((path === e.basePath || path.startsWith(`${e.basePath}/`)) && (!owner || e.basePath.length > owner.basePath.length)) owner = e;
  }
  return owner;
}

/** Every `#/components/<section>/<name>` a value references, and those the referenced ones reference, and so on. */
function referenced(roots: Json, components: Record<string, Record<string, Json>>): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const pending: Json[] = [roots];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...node);
    else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        const m = k === '$ref' && typeof v === 'string' ? /^#\/components\/([^/]+)\/(.+)$/.exec(v) : null;
        if (m) {
          const [, section, name] = m as unknown as [string, string, string];
          const seen = found.get(section) ?? found.set(section, new Set()).get(section)!;
          if (!seen.has(name)) {
            seen.add(name);
            pending.push(components[section]?.[name]);
          }
        } else pending.push(v);
      }
    }
  }
  return found;
}

export interface EserviceDocumentOptions {
  /** Where the api is reached, without a path (e.g. https://127.0.0.1:3000). */
  origin: string;
  /** Description of the server entries. */
  serverDescription: string;
}

/** The document of one e-service, cut from the whole api's `full` document. */
export function eserviceDocument(full: OpenAPIObject, eservice: EserviceDef, all: readonly EserviceDef[], opts: EserviceDocumentOptions): OpenAPIObject {
  const root = [{ url: opts.origin, description: `${opts.serverDescription} (radice del servizio)` }];
  const paths: Record<string, PathItem> = {};
  for (const [path, item] of Object.entries(full.paths as Record<string, PathItem>)) {
    if (ownerOf(path, all) === eservice) paths[path.slice(eservice.basePath.length) || '/'] = item;
    // Its operations outside the basePath (a deprecated route), and the service status every document
    // must have: reached at the root of the server, which the path-level server says.
    else if (path === '/status' || operationsOf(item).some((op) => op['x-pdnd-eservice'] === eservice.name)) paths[path] = { servers: root, ...item };
  }
  const operations = Object.values(paths).flatMap(operationsOf);
  const main = operations.find((op) => op['x-pdnd-eservice'] === eservice.name);
  if (!main) throw new Error(`openapi: no operation of e-service ${eservice.kind} in the document`);

  const components = (full.components ?? {}) as Record<string, Record<string, Json>>;
  const refs = referenced(paths, components);
  const used = new Set(operations.flatMap((op) => (op.security ?? []).flatMap((req) => Object.keys(req))));
  const kept: Record<string, Record<string, Json>> = {};
  for (const [section, entries] of Object.entries(components)) {
    const keep = section === 'securitySchemes' ? used : (refs.get(section) ?? new Set<string>());
    const picked = Object.fromEntries(Object.entries(entries).filter(([name]) => keep.has(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    if (Object.keys(picked).length > 0) kept[section] = picked;
  }
  const tags = new Set(operations.flatMap((op) => op.tags ?? []));

  const info = full.info as unknown as Record<string, Json>;
  return {
    openapi: full.openapi,
    info: {
      ...info,
      title: eservice.name,
      description:
        `E-service PDND ${eservice.name} del Fascicolo Sociale e Lavorativo (FSL). ${main.summary ?? ''}. ${main.description ?? ''} ` +
        `Pattern ModI: ${(main['x-modi-patterns'] ?? []).join(', ')}; il voucher PDND deve nominare questo e-service (eserviceId ${eservice.eserviceId}, descriptorId ${eservice.descriptorId}).`,
      'x-summary': main.summary ?? eservice.name,
      'x-api-id': `${String(info['x-api-id'])}-${eservice.kind}`,
    } as unknown as OpenAPIObject['info'],
    servers: [{ url: `${opts.origin}${eservice.basePath}`, description: opts.serverDescription }],
    tags: (full.tags ?? []).filter((t) => tags.has(t.name)),
    paths: paths as OpenAPIObject['paths'],
    components: kept as OpenAPIObject['components'],
  };
}
