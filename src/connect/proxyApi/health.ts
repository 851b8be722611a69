import { Type, type Static } from '@sinclair/typebox';
import { RegionSchema } from './region';

/** GET /api/health (the datasource's Save & test) and GET /healthz (liveness). */

export const HealthQuerySchema = Type.Object({
  /** Also look for this Connect instance among those the credentials see. */
  instanceId: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  region: Type.Optional(RegionSchema),
});
export type HealthQuery = Static<typeof HealthQuerySchema>;

export const HealthCheckSchema = Type.Object({
  name: Type.String(),
  status: Type.Union([Type.Literal('ok'), Type.Literal('error'), Type.Literal('warning')]),
  message: Type.String(),
});
export type HealthCheck = Static<typeof HealthCheckSchema>;
export type CheckStatus = HealthCheck['status'];
export const CHECK_STATUSES: readonly CheckStatus[] = ['ok', 'error', 'warning'];

export const HealthResponseSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('error')]),
  checks: Type.Array(HealthCheckSchema),
});
export type HealthResponse = Static<typeof HealthResponseSchema>;

export const LivenessSchema = Type.Object({ status: Type.Literal('ok') });
