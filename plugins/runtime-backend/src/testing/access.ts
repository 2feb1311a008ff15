/** The sandbox's teams, each with the namespace its services run in. */
const SANDBOX_TEAMS = {
  'search-team': 'team-search',
  'assistant-team': 'team-assistant',
  'media-team': 'team-media',
};

/**
 * `runtime.access` for the sandbox's seed: each team owns its namespace, and the Argo CD project,
 * GitLab group and Harbor project named after it; platform-team is the platform admins' group.
 */
export function sandboxAccessConfig() {
  return {
    platformAdmins: ['platform-team'],
    teams: Object.entries(SANDBOX_TEAMS).map(([team, namespace]) => ({
      group: team,
      namespaces: [namespace],
      argocdProjects: [team],
      gitlabGroups: [team],
      harborProjects: [team],
    })),
  };
}
