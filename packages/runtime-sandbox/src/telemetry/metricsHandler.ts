import { Request, Response } from 'express';
import { EXPOSITION_CONTENT_TYPE, renderExposition } from './exposition';
import { TelemetryModel } from './TelemetryModel';

/** An express handler for `GET /metrics` that renders the model at the time of the scrape. */
export function metricsHandler(model: TelemetryModel) {
  return (_req: Request, res: Response) => {
    res
      .status(200)
      .type(EXPOSITION_CONTENT_TYPE)
      .send(renderExposition(model, Date.now() / 1000));
  };
}
