import { config } from 'zod';

/**
 * zod compiles a parser for each object schema with `new Function`, deciding so when the
 * schema is built (as its module loads). The engine worker's lockdown then closes every way
 * to compile a string (harden-realm.ts), so the worker's entry imports this first, before any
 * schema exists: its parsers interpret instead.
 */
config({ jitless: true });
