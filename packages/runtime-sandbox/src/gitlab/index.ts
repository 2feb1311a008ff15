export { startGitLabServer } from './startGitLabServer';
export { SEEDED_GITLAB_USERS } from './seedGitLab';
