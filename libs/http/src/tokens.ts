export const APP_LOGGER = Symbol('APP_LOGGER');
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
/** Optional provider: OpenAPI pieces an app contributes to its document (see buildOpenApi). */
export const OPENAPI_EXTRAS = Symbol('OPENAPI_EXTRAS');
