import { secretReadGrantLines } from '../shared';
import { DatabaseNames } from './databaseNames';
import { DatabaseState } from './databaseState';

/** One line per part of `state` that exists, in the order `runtime:database:delete` removes them. */
export function databaseRemainsLines(
  names: DatabaseNames,
  state: DatabaseState,
): string[] {
  const connections = state.database?.connections ?? 0;
  return [
    ...(state.database
      ? [
          `PostgreSQL database ${names.database}${
            connections > 0
              ? ` (its ${connections} open connection${
                  connections === 1 ? '' : 's'
                } closed)`
              : ''
          } with all its data`,
        ]
      : []),
    ...(state.role ? [`PostgreSQL login role ${names.role}`] : []),
    ...secretReadGrantLines(names.grantName, state.grant),
    ...(state.credentials
      ? [
          `OpenBao secret ${names.credentialsPath} (the database's credentials, all versions)`,
        ]
      : []),
  ];
}
