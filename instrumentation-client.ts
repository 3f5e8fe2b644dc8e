import { z } from "zod";

// Runs in the browser before any page code. Zod compiles object parsers with `new Function`,
// which the pages' CSP refuses (no 'unsafe-eval'; even its caught probe is reported as a
// violation). The browser parses little, so zod's interpreter is enough there; the server, which
// never loads this file, keeps the compiled parsers.
z.config({ jitless: true });
