export * from './canonical-json';
export * from './record';
export * from './chain';
export * from './schema';
export * from './anchor';
export * from './pg-store';
export { runVerifyCli } from './verify-cli';
