// Every topic of the product, declared once. Partition counts are fixed at creation: adding
// partitions later would move keys (and so a person's events) to other partitions and break order.

export type TopicKind = 'source' | 'dead-letter';

export interface TopicSpec {
  /** Logical name; the real name is `${prefix}${name}`. */
  name: string;
  kind: TopicKind;
  partitions: number;
  config: Record<string, string>;
  description: string;
}

// Source topics are the record that replays rebuild from: no time or size limit.
const keepForever = { 'retention.ms': '-1', 'retention.bytes': '-1', 'cleanup.policy': 'delete' };

export const TOPICS = {
  coComunicazioni: {
    name: 'fsl.co.comunicazioni.v1',
    kind: 'source',
    partitions: 6,
    config: keepForever,
    description: 'Comunicazioni Obbligatorie (UNILAV, UNISOMM, VARDATORI, UNIURG) as change events',
  },
  siislEvents: {
    name: 'fsl.siisl.events.v1',
    kind: 'source',
    partitions: 6,
    config: keepForever,
    description: 'SIISL change events: CVs, offers, courses, enrolments, ADI/SFL measures',
  },
  gepiEvents: {
    name: 'fsl.gepi.events.v1',
    kind: 'source',
    partitions: 6,
    config: keepForever,
    description: 'GePI change events: social-services cases and Patti per l’inclusione',
  },
  siussPrestazioni: {
    name: 'fsl.siuss.prestazioni.v1',
    kind: 'source',
    partitions: 6,
    config: keepForever,
    description: 'Social benefits granted by municipalities (SIUSS WaaS PS_PSA_SINA flows), inserts and cancellations',
  },
  siussSinba: {
    name: 'fsl.siuss.sinba.v1',
    kind: 'source',
    partitions: 3,
    config: keepForever,
    // A topic of its own, so broker ACLs can keep it from every consumer not granted it.
    description: 'Minors in the care of social services (SIUSS WaaS SINBA flows): highly sensitive',
  },
  deadLetters: {
    name: 'fsl.dead-letters.v1',
    kind: 'dead-letter',
    partitions: 3,
    // Dead letters wait for an operator; keep them as long as the sources.
    config: keepForever,
    description: 'Messages a consumer could not process, with their origin in the headers',
  },
} as const satisfies Record<string, TopicSpec>;

export type TopicId = keyof typeof TOPICS;

export function topicName(id: TopicId, prefix = ''): string {
  return `${prefix}${TOPICS[id].name}`;
}

export function allTopics(): TopicSpec[] {
  return Object.values(TOPICS);
}
