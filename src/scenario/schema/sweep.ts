import { z } from 'zod';

// Placeholder until sweeps land (issue 5).
export const SweepSchema = z.strictObject({}).optional();
