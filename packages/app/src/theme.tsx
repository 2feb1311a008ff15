import { AppTheme } from '@backstage/core-plugin-api';
import {
  createUnifiedTheme,
  defaultComponentThemes,
  palettes,
  UnifiedThemeProvider,
} from '@backstage/theme';
import DarkIcon from '@material-ui/icons/Brightness2';
import LightIcon from '@material-ui/icons/WbSunny';

/**
 * Backstage's default component themes, except that a tab whose text colour is inherited is not
 * faded: Material UI draws such a tab at 70% opacity when it is not selected, which puts the entity
 * page's tab labels (the theme's secondary text colour) at 2.6:1 on white, below WCAG AA's 4.5:1.
 * The selected tab stays marked by its indicator and primary text colour.
 */
const defaultTab = defaultComponentThemes?.MuiTab;
const components = {
  ...defaultComponentThemes,
  MuiTab: {
    ...defaultTab,
    styleOverrides: {
      ...defaultTab?.styleOverrides,
      textColorInherit: { opacity: 1 },
    },
  },
};

const light = createUnifiedTheme({ palette: palettes.light, components });
const dark = createUnifiedTheme({ palette: palettes.dark, components });

/** The app's light and dark themes: Backstage's, with readable tab labels. */
export const appThemes: AppTheme[] = [
  {
    id: 'light',
    title: 'Light Theme',
    variant: 'light',
    icon: <LightIcon />,
    Provider: ({ children }) => (
      <UnifiedThemeProvider theme={light}>{children}</UnifiedThemeProvider>
    ),
  },
  {
    id: 'dark',
    title: 'Dark Theme',
    variant: 'dark',
    icon: <DarkIcon />,
    Provider: ({ children }) => (
      <UnifiedThemeProvider theme={dark}>{children}</UnifiedThemeProvider>
    ),
  },
];
