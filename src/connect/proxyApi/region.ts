import { Type } from '@sinclair/typebox';

/**
 * An AWS Region code as every part of the Proxy API takes it (queries, resource lists, health, the
 * X-Switchboard-Region header, the proxy's AWS_REGION): two letters, words, a digit. us-gov-west-1 included.
 */
export const REGION_PATTERN_SOURCE = '^[a-z]{2}(-[a-z]+)+-\\d$';
export const REGION_PATTERN = new RegExp(REGION_PATTERN_SOURCE);

export const RegionSchema = Type.String({ pattern: REGION_PATTERN_SOURCE });
