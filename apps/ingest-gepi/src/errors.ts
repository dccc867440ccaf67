import { registerErrors } from '@fsl/http';

// ingest-gepi's own problem code, next to the shared ones (VALIDATION_FAILED 422, PAYLOAD_TOO_LARGE 413,
// UNSUPPORTED_MEDIA_TYPE 415, DEPENDENCY_UNAVAILABLE 503, LOTTO_NOT_FOUND and ENTITA_NOT_FOUND 404 of @fsl/ingest, …).
registerErrors({
  GEPI_CONFLICT: { status: 409, title: 'This version of the record was already accepted with a different content' },
});
