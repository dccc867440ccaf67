export * from './data-source';
export * from './database';
export * from './offsets';
export * from './pool';
export * from './roles';
export { MIGRATIONS } from './migrations';
export * from './projection-set';
