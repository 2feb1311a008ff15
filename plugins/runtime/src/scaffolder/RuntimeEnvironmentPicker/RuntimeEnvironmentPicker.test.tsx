import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { RuntimeApi, runtimeApiRef } from '../../api';
import { RuntimeEnvironmentPicker } from './RuntimeEnvironmentPicker';

function renderPicker(getHealth: RuntimeApi['getHealth'], formData?: string) {
  const onChange = jest.fn();
  const props = {
    onChange,
    formData,
    required: true,
    rawErrors: [],
    schema: { title: 'Environment' },
    uiSchema: {},
    idSchema: { $id: 'root_environment' },
  } as any;
  const api = { getHealth } as unknown as RuntimeApi;
  return {
    onChange,
    ...renderInTestApp(
      <TestApiProvider apis={[[runtimeApiRef, api]]}>
        <RuntimeEnvironmentPicker {...props} />
      </TestApiProvider>,
    ),
  };
}

const environment = (name: string, title = name) => ({
  name,
  title,
  upstreams: [],
});

describe('RuntimeEnvironmentPicker', () => {
  it('lists the configured environments and reports the chosen one', async () => {
    const { onChange } = renderPicker(async () => ({
      status: 'ok',
      environments: [environment('dev', 'Development'), environment('prod')],
    }));
    // Query the select afresh until it is enabled: the element found while loading may be replaced.
    await waitFor(() =>
      expect(screen.getByRole('button')).not.toHaveAttribute('aria-disabled'),
    );
    fireEvent.mouseDown(screen.getByRole('button'));
    const listbox = within(await screen.findByRole('listbox'));
    expect(listbox.getByText('Development (dev)')).toBeInTheDocument();
    fireEvent.click(listbox.getByText('prod'));
    expect(onChange).toHaveBeenCalledWith('prod');
  });

  it('takes the only environment when there is just one', async () => {
    const { onChange } = renderPicker(async () => ({
      status: 'ok',
      environments: [environment('dev')],
    }));
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('dev'));
  });

  it('says why when the environments cannot be loaded', async () => {
    const getHealth = jest
      .fn<ReturnType<RuntimeApi['getHealth']>, []>()
      .mockRejectedValue(new Error('runtime backend unavailable'));
    renderPicker(getHealth);
    // First that the picker asked at all, so a failure says which half went wrong.
    await waitFor(() => expect(getHealth).toHaveBeenCalled());
    await waitFor(() =>
      expect(screen.getByRole('button')).toHaveAttribute('aria-disabled'),
    );
    expect(
      await screen.findByText(
        /Could not load the Runtime environments: runtime backend unavailable/,
      ),
    ).toBeInTheDocument();
  });

  it('says when no environment is configured', async () => {
    renderPicker(async () => ({ status: 'ok', environments: [] }));
    expect(
      await screen.findByText(
        'No Runtime environment is configured (runtime.environments)',
      ),
    ).toBeInTheDocument();
  });
});
