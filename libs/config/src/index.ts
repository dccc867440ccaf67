export * from './config';
export * from './pieces';
