/** Stub (issue 8 foundations): the ITA evidence registers itself here. */
export {};
