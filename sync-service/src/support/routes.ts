import { Router } from 'express';
import { supportContact } from './contact.js';

/** `GET /support`: the support contact, public (the console shows it before any sign-in and on its error pages). */
export function supportRoutes(): Router {
  const router = Router();
  router.get('/support', (_request, response) => {
    response.set('cache-control', 'public, max-age=300').json(supportContact());
  });
  return router;
}
