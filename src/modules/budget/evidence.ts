// Registered at import time (see module.ts); filled by the module's report part.
export {};
