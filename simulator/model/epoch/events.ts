/**
 * The event types of an epoch's discrete-event simulation. They live apart from the loop that dispatches them
 * because the stages that schedule work up front (arrivals, shifts) push them too. An event carries two integers
 * (x, y) whose meaning each type states below.
 */

/** A contact arrives at the instance (x: contact). */
export const ARRIVE = 1;
/** The contact's flow is done and it enters the queue (x: contact). */
export const ENQUEUE = 2;
/** The customer's patience runs out (x: contact). */
export const ABANDON = 3;
/** The ring ends (x: contact, y: agent * 2 + missed). */
export const OFFER_END = 4;
/** The conversation ends (x: contact, y: agent). */
export const HANDLE_END = 5;
/** After-contact work ends (x: contact, y: agent). */
export const ACW_END = 6;
/** x: agent. */
export const SHIFT_START = 7;
/** x: agent. */
export const SHIFT_END = 8;
/** x: agent, y: status * 100000 + seconds. */
export const BREAK_START = 9;
/** x: agent, y: the shift token the break was taken under. */
export const BREAK_END = 10;
/** The agent recovers from a missed contact (x: agent). */
export const ERROR_END = 11;
/** A scheduled callback is due (x: the contact that asked for it). */
export const CALLBACK_DUE = 12;
