module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // A region that scrolls must be reachable from the keyboard (WCAG 2.1.1, axe's
    // scrollable-region-focusable): named regions may be in the tab order.
    'jsx-a11y/no-noninteractive-tabindex': [
      'error',
      { tags: [], roles: ['tabpanel', 'region'] },
    ],
  },
});
