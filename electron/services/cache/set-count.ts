// A filter's matching calls in one tag set, as both counters (SQL, typed arrays) give them.
export interface SetCount {
  /** null: calls with no results. */
  id: number | null
  n: number
  /** Of those, calls with a barge-in, an aiUnknown line, hung up by the customer, by the AI. */
  barge_in: number
  ai_unknown: number
  by_customer: number
  by_ai: number
}
