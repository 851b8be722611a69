import React from 'react';

/** Field props for a list of problems: invalid when there is any, each message on its own line. */
export function fieldErrors(messages: Array<string | undefined> | undefined): {
  invalid: boolean;
  error?: React.ReactNode;
} {
  const list = (messages ?? []).filter((m): m is string => Boolean(m));
  if (list.length === 0) {
    return { invalid: false };
  }
  return {
    invalid: true,
    error: list.length === 1 ? list[0] : list.map((m, i) => <div key={i}>{m}</div>),
  };
}
