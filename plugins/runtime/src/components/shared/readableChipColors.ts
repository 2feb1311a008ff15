import { getContrastRatio } from '@material-ui/core/styles';
import { PaletteColor } from '@material-ui/core/styles/createPalette';

/** WCAG 2 AA's minimum contrast for normal-size text (success criterion 1.4.3). */
export const MIN_TEXT_CONTRAST = 4.5;

/**
 * The background and text colour of a chip filled with a palette colour, readable at
 * {@link MIN_TEXT_CONTRAST}: the colour's `main` with its `contrastText` when they reach it (Material
 * UI picks `contrastText` at a 3:1 threshold, which white on the default `error.main` or `info.main`
 * does not pass at 4.5:1), else its `dark` shade with `contrastText`, else `dark` with black or
 * white, whichever contrasts more.
 */
export function readableChipColors(color: PaletteColor): {
  backgroundColor: string;
  color: string;
} {
  for (const backgroundColor of [color.main, color.dark]) {
    if (
      getContrastRatio(backgroundColor, color.contrastText) >= MIN_TEXT_CONTRAST
    ) {
      return { backgroundColor, color: color.contrastText };
    }
  }
  const text =
    getContrastRatio(color.dark, '#000') >= getContrastRatio(color.dark, '#fff')
      ? '#000'
      : '#fff';
  return { backgroundColor: color.dark, color: text };
}
