import { registerErrors } from '@fsl/http';

// ingest-co's own problem codes, next to the shared ones (VALIDATION_FAILED 422, PAYLOAD_TOO_LARGE 413,
// UNSUPPORTED_MEDIA_TYPE 415, DEPENDENCY_UNAVAILABLE 503, LOTTO_NOT_FOUND 404 of @fsl/ingest, …).
registerErrors({
  CO_CONFLICT: { status: 409, title: 'A comunicazione with this codice and a different content was already accepted' },
});
