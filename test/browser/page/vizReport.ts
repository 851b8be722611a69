import { createContext } from 'react';

/**
 * How a core visualization tells its panel what it drew, for the report: stat, gauge and bar gauge decide
 * themselves that they have nothing to show (no field matched their reduce options), which the frames alone
 * cannot tell.
 */
export const VizReportContext = createContext<(report: { noData: boolean }) => void>(() => {});
