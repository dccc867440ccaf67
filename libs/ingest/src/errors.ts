import { registerErrors } from '@fsl/http';

// The shared ingest's own problem codes, next to the shared ones (VALIDATION_FAILED 422, PAYLOAD_TOO_LARGE
// 413, UNSUPPORTED_MEDIA_TYPE 415, DEPENDENCY_UNAVAILABLE 503, …); each source registers its conflict code.
registerErrors({
  LOTTO_NOT_FOUND: { status: 404, title: 'File job not found' },
  // Versioned JSON sources (versioned-json.module.ts): /v1/{entita} with an entity the source does not have.
  ENTITA_NOT_FOUND: { status: 404, title: 'Not an entity of this source' },
});
