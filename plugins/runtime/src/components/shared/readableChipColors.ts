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

/**
 * A text colour in a palette colour's hue that reads at {@link MIN_TEXT_CONTRAST} on `background`:
 * its `main`, `dark` or `light` shade, the first that does (Material UI's `color="error"` text is
 * `main`, 3.7:1 on white for the default red), else black or white, whichever contrasts more.
 */
export function readableTextColor(
  color: PaletteColor,
  background: string,
): string {
  for (const shade of [color.main, color.dark, color.light]) {
    if (getContrastRatio(shade, background) >= MIN_TEXT_CONTRAST) return shade;
  }
  return getContrastRatio('#000', background) >=
    getContrastRatio('#fff', background)
    ? '#000'
    : '#fff';
}
