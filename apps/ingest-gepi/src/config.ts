import { z } from 'zod';
import { refuseDevSecrets, refuseSuperuserDatabase, requireCompleteSasl } from '@fsl/config';
import { ingestConfigShape } from '@fsl/ingest';

export const SERVICE = 'ingest-gepi';

/** Every environment variable the service reads; the keys are the variable names. */
export const configShape = {
  ...ingestConfigShape(SERVICE, 3003),
  // Another directory of GePI code tables with libs/gepi/code-lists' layout (e.g. the real list of the ambiti).
  GEPI_CODE_LISTS_DIR: z.string().min(1).optional(),
};
export const configSchema = z.object(configShape).superRefine(refuseDevSecrets).superRefine(requireCompleteSasl).superRefine(refuseSuperuserDatabase);
export type IngestGepiConfig = z.infer<typeof configSchema>;
