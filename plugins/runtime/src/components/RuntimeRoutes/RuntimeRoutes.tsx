import { Route, Routes } from 'react-router-dom';
import { Page } from '@backstage/core-components';
import { RuntimePage, RuntimePageContent } from '../RuntimePage';
import { ApprovalRoute, ApprovalsListContent } from '../approvals';
import { RuntimeFrame } from './RuntimeFrame';

/**
 * The Runtime page and its sub-pages: `/` the platform map, `/approvals` the approval requests and
 * `/approvals/:id` one request. With `header` false (the new frontend system, whose app draws the
 * header), the pages render without their own header.
 */
export function RuntimeRoutes(props: { header?: boolean } = {}) {
  const header = props.header ?? true;
  return (
    <Routes>
      <Route
        path="/"
        element={
          header ? (
            <RuntimePage />
          ) : (
            <Page themeId="tool">
              <RuntimePageContent />
            </Page>
          )
        }
      />
      <Route
        path="/approvals"
        element={
          <RuntimeFrame
            header={header}
            title="Approvals"
            subtitle="Runtime changes that wait for a second pair of eyes"
          >
            <ApprovalsListContent />
          </RuntimeFrame>
        }
      />
      <Route
        path="/approvals/:id"
        element={
          <RuntimeFrame header={header} title="Approval request">
            <ApprovalRoute />
          </RuntimeFrame>
        }
      />
    </Routes>
  );
}
