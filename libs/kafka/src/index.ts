export * from './topics';
export * from './client';
export * from './admin';
export * from './producer';
export * from './runner';
export * from './dead-letter';
export * from './headers';
export type { Kafka, KafkaMessage, IHeaders } from 'kafkajs';
