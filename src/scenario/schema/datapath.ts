import { z } from 'zod';

// Placeholder until the datapath model lands (issue 3).
export const DatapathSchema = z.strictObject({}).optional();
