import { z } from 'zod';

// Placeholder until the traffic model lands (issue 4): no traffic.
export const TrafficSchema = z.strictObject({}).optional();
