import { registerErrors } from '@fsl/http';

// The write e-services' own refusals, next to the shared ones (VALIDATION_FAILED 422, NOT_FOUND 404,
// DEPENDENCY_UNAVAILABLE 503 while the event log is down…). Details never quote a value sent.
registerErrors({
  // The caller based its write on a version that is no longer the latest (optimistic concurrency).
  VERSIONE_NON_AGGIORNATA: { status: 409, title: 'The record changed since the version the write is based on' },
  // A newer version is accepted but the dossier does not include it yet: writing now would build on a stale copy.
  AGGIORNAMENTO_IN_CORSO: { status: 409, title: 'A newer version of the record is being applied; retry shortly' },
  // Another write of the same record took the same version first.
  INVIO_CONCORRENTE: { status: 409, title: 'Another write of the same record was accepted meanwhile' },
  CORSO_GIA_INSERITO: { status: 409, title: 'A course with this provider code already exists' },
  // Object-level rule of the course writes: the provider must be one the consumer acts for.
  ENTE_FORMATIVO_NON_ABILITATO: { status: 403, title: 'The consumer may not write the courses of this provider' },
});
