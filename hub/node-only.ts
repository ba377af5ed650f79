/**
 * What the hub bundle gets instead of the local and git stores (see build.ts): they need a disk
 * and a git binary, which the Workers runtime does not have. core's store factory imports them
 * lazily, so nothing the hub runs ever reaches this module.
 */
throw new Error('The local and git stores do not run in the Workers runtime; the hub uses GitHub.');
