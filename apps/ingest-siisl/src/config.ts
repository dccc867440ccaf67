import { z } from 'zod';
import { refuseDevSecrets, refuseSuperuserDatabase, requireCompleteSasl } from '@fsl/config';
import { ingestConfigShape } from '@fsl/ingest';

export const SERVICE = 'ingest-siisl';

/** Every environment variable the service reads; the keys are the variable names. */
export const configShape = {
  ...ingestConfigShape(SERVICE, 3002),
  // Another directory of code tables with libs/siisl/code-lists' layout (e.g. the complete ESCO table).
  SIISL_CODE_LISTS_DIR: z.string().min(1).optional(),
};
export const configSchema = z.object(configShape).superRefine(refuseDevSecrets).superRefine(requireCompleteSasl).superRefine(refuseSuperuserDatabase);
export type IngestSiislConfig = z.infer<typeof configSchema>;
