import { screen } from '@testing-library/react';
import { RuntimeInferenceEndpointCard } from './RuntimeInferenceEndpointCard';
import { endpointDetails } from './__testUtils__/fixtures';
import {
  jsonResponse,
  renderResourceCard,
  resourceEntity,
} from './__testUtils__/testHelpers';

describe('RuntimeInferenceEndpointCard', () => {
  it('shows the model, its replicas and how to call it', async () => {
    await renderResourceCard(
      <RuntimeInferenceEndpointCard />,
      resourceEntity('inference-endpoint'),
      () => jsonResponse(200, endpointDetails),
    );
    expect(
      await screen.findByText('hf://meta-llama/Meta-Llama-3-8B-Instruct'),
    ).toBeInTheDocument();
    expect(screen.getByText('VLLM')).toBeInTheDocument();
    expect(screen.getByText('TextGeneration')).toBeInTheDocument();
    expect(screen.getByText('1 ready of 2 (min 1, max 3)')).toBeInTheDocument();
    expect(screen.getByText('nvidia-gpu-l4:1')).toBeInTheDocument();
    expect(
      screen.getByText('http://kubeai.kubeai.svc/openai/v1'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Copy the base URL' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('TextGeneration: POST /chat/completions'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /curl http:\/\/kubeai.kubeai.svc\/openai\/v1\/chat\/completions/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the transcription example for a speech-to-text model', async () => {
    await renderResourceCard(
      <RuntimeInferenceEndpointCard />,
      resourceEntity('inference-endpoint'),
      () =>
        jsonResponse(200, {
          ...endpointDetails,
          name: 'whisper',
          engine: 'FasterWhisper',
          features: ['SpeechToText'],
        }),
    );
    expect(
      await screen.findByText('SpeechToText: POST /audio/transcriptions'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/chat\/completions/)).not.toBeInTheDocument();
  });
});
