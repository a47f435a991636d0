import type { Request, Response, Router } from 'express';
import express from 'express';

export interface ReadinessSource {
  readiness(): Promise<{ ready: boolean; reason?: string }>;
}

/**
 * `/healthz`: the process is up (liveness; no dependency is consulted, so a
 * slow database never gets the process killed). `/readyz`: the database
 * answers and migrations are applied, and we are not shutting down.
 */
export function healthRoutes(store: ReadinessSource, isShuttingDown: () => boolean): Router {
  const router = express.Router();
  router.get('/healthz', (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req: Request, res: Response) => {
    if (isShuttingDown()) {
      res.status(503).json({ status: 'unavailable', reason: 'shutting down' });
      return;
    }
    const { ready, reason } = await store.readiness();
    res.status(ready ? 200 : 503).json(ready ? { status: 'ready' } : { status: 'unavailable', reason });
  });
  return router;
}
