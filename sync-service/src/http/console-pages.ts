import { Router } from 'express';

/**
 * The console's public pages that e-mailed links open (R16: `/invitation#token=…`, R4:
 * `/email-change#token=…`) and its public forms (R10 `/sign-up`, R30 `/recovery`): the console's
 * one index.html, served as `express.static` serves it (the same `send` engine; `pageHeaders`, the
 * same security headers, decision 0026), for these
 * exact paths, to browsers asking for HTML only. The token stays in the fragment, which never
 * reaches the server.
 */
const consolePagePaths = ['/invitation', '/email-change', '/sign-up', '/recovery'] as const;

export function consolePages(consoleDir: string, pageHeaders: Readonly<Record<string, string>>): Router {
  const router = Router({ strict: true, caseSensitive: true });
  router.get([...consolePagePaths], (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.sendFile('index.html', { root: consoleDir, headers: pageHeaders }, (error) => {
      if (error && !res.headersSent) next();
    });
  });
  return router;
}
