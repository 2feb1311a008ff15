import { ReactNode } from 'react';
import { Header, Page } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';

/** Props of {@link RuntimeFrame}. */
export interface RuntimeFrameProps {
  /** Draw the page header (the legacy app); the new frontend system's app draws its own. */
  header: boolean;
  title: string;
  subtitle?: string;
  children: ReactNode;
}

/** A page under `/runtime`: in `Page`, with a header that leads back to the Runtime page when asked. */
export function RuntimeFrame(props: RuntimeFrameProps) {
  const rootLink = useRouteRef(rootRouteRef);
  return (
    <Page themeId="tool">
      {props.header && (
        <Header
          title={props.title}
          subtitle={props.subtitle}
          type="Runtime"
          typeLink={rootLink()}
        />
      )}
      {props.children}
    </Page>
  );
}
