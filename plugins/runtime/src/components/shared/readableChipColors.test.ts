import { createTheme, getContrastRatio } from '@material-ui/core/styles';
import {
  MIN_TEXT_CONTRAST,
  readableChipColors,
  readableTextColor,
} from './readableChipColors';

const { palette } = createTheme();

describe('readableChipColors', () => {
  it.each(['success', 'info', 'warning', 'error'] as const)(
    'gives %s text that reaches 4.5:1 on its background',
    tone => {
      const { backgroundColor, color } = readableChipColors(palette[tone]);
      expect(getContrastRatio(backgroundColor, color)).toBeGreaterThanOrEqual(
        MIN_TEXT_CONTRAST,
      );
    },
  );

  it('keeps main when its contrast text is readable on it', () => {
    expect(readableChipColors(palette.success)).toEqual({
      backgroundColor: palette.success.main,
      color: palette.success.contrastText,
    });
  });

  it('darkens the error colour, on which white is only 3.68:1', () => {
    expect(
      getContrastRatio(palette.error.main, palette.error.contrastText),
    ).toBeLessThan(MIN_TEXT_CONTRAST);
    expect(readableChipColors(palette.error)).toEqual({
      backgroundColor: palette.error.dark,
      color: palette.error.contrastText,
    });
  });

  it('picks black or white on dark when neither shade suits the contrast text', () => {
    const pale = {
      light: '#fff',
      main: '#eee',
      dark: '#ddd',
      contrastText: '#fafafa',
    };
    expect(readableChipColors(pale)).toEqual({
      backgroundColor: '#ddd',
      color: '#000',
    });
  });
});

describe('readableTextColor', () => {
  it('darkens error text on white, where main is only 3.68:1', () => {
    expect(getContrastRatio(palette.error.main, '#fff')).toBeLessThan(
      MIN_TEXT_CONTRAST,
    );
    expect(readableTextColor(palette.error, '#fff')).toBe(palette.error.dark);
  });

  it('lightens it on a dark background, and falls back to black or white', () => {
    expect(readableTextColor(palette.error, '#000')).toBe(palette.error.main);
    const grey = {
      light: '#ccc',
      main: '#bbb',
      dark: '#aaa',
      contrastText: '#fff',
    };
    expect(readableTextColor(grey, '#fff')).toBe('#000');
  });
});
