import { z } from 'zod';
import { refuseDevSecrets, refuseSuperuserDatabase, requireCompleteSasl } from '@fsl/config';
import { ingestConfigShape } from '@fsl/ingest';

export const SERVICE = 'ingest-co';

/** Every environment variable the service reads; the keys are the variable names. */
export const configShape = {
  ...ingestConfigShape(SERVICE, 3001),
  // Another directory of code lists with libs/co/code-lists' layout (e.g. the full ministerial tables).
  CODE_LISTS_DIR: z.string().min(1).optional(),
  // How far a CO's dataInvio may be ahead of this clock (the sender's clock running fast) before it is refused.
  CO_DATA_INVIO_MAX_SKEW_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
};
export const configSchema = z.object(configShape).superRefine(refuseDevSecrets).superRefine(requireCompleteSasl).superRefine(refuseSuperuserDatabase);
export type IngestCoConfig = z.infer<typeof configSchema>;
