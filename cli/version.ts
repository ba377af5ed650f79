/**
 * The released version, and how every line we print names the packages for `npx`. A bare
 * `npx -y watercooler` runs whatever is published under the name at that moment; a pinned major
 * never runs a later breaking release, and the scaffolder pins the exact version it ships with
 * (the one whose Action it vendors).
 */
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
const MAJOR = VERSION.split('.')[0] as string;

/** `watercooler@0`: the CLI in the lines the CLI and README print. */
export const CLI_SPEC = `watercooler@${MAJOR}`;
/** `watercooler@0.1.0`: the CLI in what the scaffolder writes, the version that wrote it. */
export const CLI_RELEASE_SPEC = `watercooler@${VERSION}`;
/** `create-watercooler@0`: the scaffolder in help texts. */
export const CREATE_SPEC = `create-watercooler@${MAJOR}`;
