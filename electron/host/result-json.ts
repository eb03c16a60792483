// A Result the backend worker serialised already: the host sends its text on as it is. Its own
// file so the worker's client (loaded first, see serve.ts) does not load the HTTP host with it.

/** A Result serialised already (by the backend worker, which has it as an object): sent as it is. */
export class ResultJson {
  constructor(readonly text: string) {}
}
