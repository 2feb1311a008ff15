import { screen, within } from '@testing-library/react';
import { RuntimeSecretCard } from './RuntimeSecretCard';
import { secretDetails } from './__testUtils__/fixtures';
import {
  jsonResponse,
  renderResourceCard,
  resourceEntity,
} from './__testUtils__/testHelpers';

describe('RuntimeSecretCard', () => {
  it('shows where the secret is, its versions and who can read it, never its values', async () => {
    await renderResourceCard(
      <RuntimeSecretCard />,
      resourceEntity('secret'),
      () => jsonResponse(200, secretDetails),
    );
    expect(
      await screen.findByText('semantic-search/database'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Secret values are never shown/),
    ).toBeInTheDocument();
    expect(screen.getByText('secret')).toBeInTheDocument();

    const versions = screen
      .getByText('Version history')
      .closest('div[class*="MuiPaper"]') as HTMLElement;
    const rows = within(versions).getAllByRole('row');
    // header + two versions, newest first
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByText('Available')).toBeInTheDocument();
    expect(within(rows[2]).getByText(/^Deleted /)).toBeInTheDocument();

    expect(screen.getByText('semantic-search-read')).toBeInTheDocument();
    expect(screen.getByText('team-a')).toBeInTheDocument();
  });

  it('says when no policy grants read', async () => {
    await renderResourceCard(
      <RuntimeSecretCard />,
      resourceEntity('secret'),
      () => jsonResponse(200, { ...secretDetails, readers: [] }),
    );
    expect(
      await screen.findByText('No policy grants read on this path.'),
    ).toBeInTheDocument();
  });
});
