import { curlExamples } from './curlExamples';

const base = 'http://kubeai.kubeai.svc/openai/v1/';

describe('curlExamples', () => {
  it('gives chat completions for text generation, naming the model', () => {
    const [example] = curlExamples(base, 'llama-3-8b', ['TextGeneration']);
    expect(example.path).toBe('/chat/completions');
    expect(example.command).toContain(
      'curl http://kubeai.kubeai.svc/openai/v1/chat/completions',
    );
    expect(example.command).toContain('"model":"llama-3-8b"');
    expect(example.command).toContain('"messages":[');
  });

  it('gives embeddings for text embedding and transcriptions for speech to text', () => {
    const examples = curlExamples(base, 'm', ['TextEmbedding', 'SpeechToText']);
    expect(examples.map(e => e.path)).toEqual([
      '/embeddings',
      '/audio/transcriptions',
    ]);
    expect(examples[0].command).toContain('"input":');
    expect(examples[1].command).toContain('-F model=m');
    expect(examples[1].command).toContain('-F file=@');
  });

  it('has no example for features without one', () => {
    expect(curlExamples(base, 'm', ['ImageGeneration'])).toEqual([]);
    expect(
      curlExamples(base, 'm', ['ImageGeneration', 'TextEmbedding']).map(
        e => e.feature,
      ),
    ).toEqual(['TextEmbedding']);
  });
});
