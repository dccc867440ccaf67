// @fsl/waas-standin — a municipality's SIUSS WaaS e-service for tests and the demo (DEV ONLY).
export * from './server';
