import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { CodeBlock } from './CodeBlock';

describe('CodeBlock', () => {
  it('shows the code in a named region in the tab order, with a copy button', async () => {
    const text = "curl -X POST http://example.test/v1 \\\n  -d '{}'";
    await renderInTestApp(<CodeBlock text={text} label="Chat example" />);
    const region = screen.getByRole('region', { name: 'Chat example' });
    expect(region).toHaveAttribute('tabindex', '0');
    expect(region.tagName).toBe('PRE');
    expect(within(region).getByText(/curl -X POST/).textContent).toBe(text);
    expect(screen.getByRole('button', { name: /copy/i })).toBeInTheDocument();
  });
});
