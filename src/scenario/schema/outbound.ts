import { z } from 'zod';

// Placeholder until the SNAT models land (issue 4).
export const OutboundSchema = z.strictObject({}).optional();
