import AxeBuilder from '@axe-core/playwright';
import { expect, Page, TestInfo } from '@playwright/test';

/** One axe rule that failed, with the elements that fail it (axe-core's `Result`, via the builder). */
type Violation = Awaited<
  ReturnType<AxeBuilder['analyze']>
>['violations'][number];

/** The WCAG 2.0 and 2.1 success criteria, levels A and AA, that axe-core checks. */
const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One line per failing element: `<rule id> (<impact>) <target selector>: <what is wrong>`. */
function formatViolations(violations: Violation[]): string[] {
  return violations.flatMap(violation =>
    violation.nodes.map(
      node =>
        `${violation.id} (${node.impact ?? violation.impact ?? 'unknown'}) ` +
        // One selector per frame or shadow root on the way to the element.
        `${node.target.map(String).join(' >>> ')}: ` +
        `${violation.help} — ${
          node.failureSummary?.replace(/\s+/g, ' ') ?? ''
        }`,
    ),
  );
}

/**
 * Runs axe-core's WCAG 2.0/2.1 A and AA rules on the whole page as it is now (sidebar and header included)
 * and fails the journey (softly: the journey goes on, so one run lists every screen's violations) when a
 * rule is violated, with one readable line per failing element. The full axe results are attached to the
 * report as `<screen>-axe.json`.
 */
export async function expectNoAccessibilityViolations(
  page: Page,
  testInfo: TestInfo,
  screen: string,
): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_AA_TAGS)
    .analyze();
  await testInfo.attach(`${screen}-axe.json`, {
    body: JSON.stringify(
      { url: results.url, violations: results.violations },
      null,
      2,
    ),
    contentType: 'application/json',
  });
  expect
    .soft(
      formatViolations(results.violations),
      `WCAG 2.1 A/AA violations on ${screen} (${results.url})`,
    )
    .toEqual([]);
}
