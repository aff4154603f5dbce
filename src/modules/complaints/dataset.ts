/** Stub (issue 8 foundations): the open-data dataset registers itself here. */
export {};
