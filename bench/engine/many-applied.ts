/** The "many applied, none pending" case: the initial migration plus this many minus one revisions. */
export const MANY_APPLIED = 200;
