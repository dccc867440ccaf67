import type { PoolClient } from 'pg';

// Correction chains across workers. A rettifica that corrects the worker's CF is keyed by the new
// worker, its target by the old one: the two can sit on different partitions, processed by concurrent
// transactions, in either order. Every worker a chain names must hold the whole chain (the fold, per
// worker, then follows the chain's tip: the old worker loses the CO, the new one gains it).
//
// Two transactions adding linked COs must not both miss each other, so a transaction first locks the
// co_link rows of every code its chunk touches and of every code linked to them (transitively, as far
// as committed rows tell), in code order, in one statement. If the chain turned out larger once locked,
// it rolls back to before the locks and locks the larger set, again in one ordered statement: a
// transaction never waits for a lock while holding one that sorts after it, so there is no deadlock.
// Anyone linking a new CO to a locked chain has to lock one of its codes, so waits for the commit and
// then sees it. See libs/cartella-lavorativa/README.md ("Corrections across workers").

export interface ChunkCo {
  codice: string;
  precedente?: string;
  workerCf: string;
}

export interface ChainPlan {
  /** Codes of chains that reach more than one worker → every worker those chains must reach. */
  workersOf: Map<string, string[]>;
  /** Which workers' states hold each code of those chains. */
  holders: Map<string, string[]>;
}

const LOCK_LINKS = `
INSERT INTO co_link (codice_comunicazione, precedente)
SELECT c, p FROM unnest($1::text[], $2::text[]) AS t(c, p) ORDER BY c
ON CONFLICT (codice_comunicazione) DO UPDATE SET precedente = EXCLUDED.precedente
  WHERE co_link.precedente IS NULL AND EXCLUDED.precedente IS NOT NULL`;
// (ON CONFLICT DO UPDATE locks the existing row even where its WHERE is false: no rewrite needed.)

/** Every link reachable from `codes` through committed or own co_link rows: code → precedente. */
async function reachable(client: PoolClient, codes: Iterable<string>): Promise<Map<string, string | null>> {
  const links = new Map<string, string | null>();
  const seen = new Set(codes);
  let frontier = [...seen];
  while (frontier.length > 0) {
    const { rows } = await client.query<{ codice: string; precedente: string | null }>(
      'SELECT codice_comunicazione AS codice, precedente FROM co_link WHERE codice_comunicazione = ANY($1::text[]) OR precedente = ANY($1::text[])',
      [frontier],
    );
    frontier = [];
    for (const r of rows) {
      links.set(r.codice, r.precedente);
      for (const c of [r.codice, r.precedente]) {
        if (c !== null && !seen.has(c)) {
          seen.add(c);
          frontier.push(c);
        }
      }
    }
  }
  return links;
}

/** Locks the chains of the chunk (see above); returns the links they have once locked. */
async function lockChains(client: PoolClient, items: readonly ChunkCo[]): Promise<Map<string, string | null>> {
  const own = new Map<string, string | null>();
  for (const i of items) own.set(i.codice, i.precedente ?? own.get(i.codice) ?? null);
  for (const i of items) if (i.precedente !== undefined && !own.has(i.precedente)) own.set(i.precedente, null);
  let toLock = new Set(own.keys());
  for (;;) {
    await client.query('SAVEPOINT chain_locks');
    const codes = [...toLock];
    await client.query(LOCK_LINKS, [codes, codes.map((c) => own.get(c) ?? null)]);
    const links = await reachable(client, toLock);
    const grown = [...links.keys()].filter((c) => !toLock.has(c));
    if (grown.length === 0) {
      await client.query('RELEASE SAVEPOINT chain_locks');
      return links;
    }
    await client.query('ROLLBACK TO SAVEPOINT chain_locks');
    toLock = new Set([...toLock, ...grown]);
  }
}

/** Groups linked codes (union-find): a correction chain with its target, rettifiche of rettifiche, … */
function chainsOf(links: Map<string, string | null>): Map<string, string[]> {
  const parent = new Map<string, string>();
  const find = (c: string): string => {
    let root = c;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(c, root);
    return root;
  };
  for (const [c, p] of links) {
    if (!parent.has(c)) parent.set(c, c);
    if (p === null) continue;
    if (!parent.has(p)) parent.set(p, p);
    parent.set(find(c), find(p));
  }
  const members = new Map<string, string[]>();
  for (const c of parent.keys()) members.set(find(c), [...(members.get(find(c)) ?? []), c]);
  return members;
}

/**
 * Locks the chunk's chains and tells which ones reach more than one worker (the worker a chunk CO is
 * addressed to, or one whose state already holds a code of the chain), and who holds their codes.
 */
export async function planChains(client: PoolClient, items: readonly ChunkCo[]): Promise<ChainPlan> {
  const plan: ChainPlan = { workersOf: new Map(), holders: new Map() };
  const links = await lockChains(client, items);
  const chains = [...chainsOf(links).values()].filter((codes) => codes.length > 1);
  if (chains.length === 0) return plan;
  const { rows } = await client.query<{ codice: string; cf: string }>(
    'SELECT codice_comunicazione AS codice, worker_cf AS cf FROM co_codice_index WHERE codice_comunicazione = ANY($1::text[])',
    [chains.flat()],
  );
  for (const r of rows) plan.holders.set(r.codice, [...(plan.holders.get(r.codice) ?? []), r.cf]);
  const addressees = new Map<string, string[]>();
  for (const i of items) addressees.set(i.codice, [...(addressees.get(i.codice) ?? []), i.workerCf]);
  for (const codes of chains) {
    const workers = [...new Set(codes.flatMap((c) => [...(plan.holders.get(c) ?? []), ...(addressees.get(c) ?? [])]))].sort();
    if (workers.length < 2) continue;
    for (const c of codes) plan.workersOf.set(c, workers);
  }
  return plan;
}
