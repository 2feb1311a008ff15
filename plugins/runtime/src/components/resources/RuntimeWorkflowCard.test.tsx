import { screen } from '@testing-library/react';
import { RuntimeWorkflowCard } from './RuntimeWorkflowCard';
import { workflowDetails } from './__testUtils__/fixtures';
import {
  jsonResponse,
  renderResourceCard,
  resourceEntity,
} from './__testUtils__/testHelpers';

describe('RuntimeWorkflowCard', () => {
  it('shows engine, triggers, actions and conditions', async () => {
    await renderResourceCard(
      <RuntimeWorkflowCard />,
      resourceEntity('workflow'),
      () => jsonResponse(200, workflowDetails),
    );
    expect(await screen.findByText('Argo Events')).toBeInTheDocument();
    expect(screen.getByText('webhook POST /recordings')).toBeInTheDocument();
    expect(screen.queryByText('Webhook (in cluster)')).not.toBeInTheDocument();
    expect(
      screen.getByText('http POST http://transcriber.team-a/jobs'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Deployed: True').closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'ok');
    expect(
      screen.getByText('DependenciesProvided: False').closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'error');
  });

  it("shows the webhook's in-cluster URL", async () => {
    const url =
      'http://transcribe-recordings-eventsource-svc.team-a.svc:12000/recordings';
    await renderResourceCard(
      <RuntimeWorkflowCard />,
      resourceEntity('workflow'),
      () => jsonResponse(200, { ...workflowDetails, webhookUrls: [url] }),
    );
    const label = await screen.findByText('Webhook (in cluster)');
    expect(label.closest('tr')).toHaveTextContent(url);
  });

  it('shows the retention of a Temporal namespace', async () => {
    await renderResourceCard(
      <RuntimeWorkflowCard />,
      resourceEntity('workflow'),
      () =>
        jsonResponse(200, {
          ...workflowDetails,
          engine: 'temporal',
          triggers: [],
          actions: [],
          conditions: [{ type: 'State', status: 'Registered' }],
          retentionDays: 7,
        }),
    );
    expect(await screen.findByText('Temporal')).toBeInTheDocument();
    expect(screen.getByText('7 days')).toBeInTheDocument();
    expect(screen.getByText('No trigger.')).toBeInTheDocument();
  });
});
