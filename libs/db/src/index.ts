export * from './data-source';
export * from './database';
export * from './offsets';
export { MIGRATIONS } from './migrations';
