import { RuntimeSeed, SeedDelivery, SeedService, SeedTeam } from '../seed';
import {
  GitLabPipelineStatus,
  GitLabProject,
  GitLabState,
  GitLabUser,
} from './GitLabState';
import { GitRepositories } from './GitRepositories';
import { jobsOfCiDefinition } from './ciDefinition';
import { seedPipelineJobs } from './pipelineJobs';

const CI_DEFINITION = `stages: [test, build, deploy]
test:
  stage: test
  script: [make test]
build:
  stage: build
  script: [make image]
deploy:
  stage: deploy
  script: [make bump-deploy]
`;

/** The jobs of {@link CI_DEFINITION}: test, build and deploy, a stage each. */
const SEEDED_JOBS = jobsOfCiDefinition(CI_DEFINITION);

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** The users of the seeded GitLab: the portal's token owner and the guest developer of examples/org.yaml. */
export const SEEDED_GITLAB_USERS = [
  {
    username: 'runtime-portal',
    name: 'Runtime Portal',
    email: 'runtime-portal@example.com',
  },
  { username: 'guest', name: 'Guest', email: 'guest@example.com' },
] as const;

/**
 * Seeds GitLab: the users, a group per team and, per service, its project (`<team>/<service>`) with
 * three commits on the default branch (scaffold, docs, image bump) and a pipeline per commit, with
 * the test, build and deploy jobs of its `.gitlab-ci.yml`; the newest pipeline has the seed's
 * `lastPipeline` status (a `running` one has no finish time; a `failed` one's build job failed), the
 * older ones succeeded. Answers the token owner.
 */
export async function seedGitLab(
  state: GitLabState,
  repositories: GitRepositories,
  seed: RuntimeSeed,
  now = new Date(),
): Promise<GitLabUser> {
  const [portal, guest] = SEEDED_GITLAB_USERS.map(u => state.addUser(u));
  const projects = seed.teams.flatMap(team =>
    team.services.flatMap(service =>
      service.delivery
        ? [
            addProject(state, team, service, service.delivery, {
              portal,
              guest,
              now,
            }),
          ]
        : [],
    ),
  );
  // The repositories are independent, and their git processes most of GitLab's start: all at once.
  const shas = await Promise.all(
    projects.map(project => writeRepository(repositories, project)),
  );
  projects.forEach((project, index) =>
    addPipelines(state, project, shas[index]),
  );
  return portal;
}

/** A seeded project and the commits of its repository. */
interface SeededProject {
  project: GitLabProject;
  fullPath: string;
  delivery: SeedDelivery;
  commits: Array<{
    author: GitLabUser;
    date: Date;
    message: string;
    files: Record<string, string>;
  }>;
}

/** Adds a service's project (and its team's group, the first time) to the state. */
function addProject(
  state: GitLabState,
  team: SeedTeam,
  service: SeedService,
  delivery: SeedDelivery,
  context: { portal: GitLabUser; guest: GitLabUser; now: Date },
): SeededProject {
  const [groupPath, projectPath] = delivery.gitlabProject.split('/');
  const group =
    state.namespaces.find(n => n.kind === 'group' && n.path === groupPath) ??
    state.addGroup(groupPath);
  const branch = delivery.defaultBranch;
  const project = state.addProject({
    name: projectPath,
    path: projectPath,
    description: `${service.name}, owned by ${team.name}`,
    namespaceId: group.id,
    visibility: 'private',
    defaultBranch: branch,
    topics: [team.name],
    creatorId: context.portal.id,
  });
  project.protectedBranches.push(branch);
  const fullPath = state.fullPath(project);

  const [newestTag, previousTag = newestTag] = delivery.image.tags;
  const at = (ago: number) => new Date(context.now.getTime() - ago);
  const commits: SeededProject['commits'] = [
    {
      author: context.portal,
      date: at(6 * DAY),
      message: `Create ${service.name} from the service template`,
      files: {
        'catalog-info.yaml': catalogInfo(team, service.name, delivery),
        'README.md': `# ${service.name}\n\nOwned by ${team.name}.\n`,
        '.gitlab-ci.yml': CI_DEFINITION,
        'deploy/values.yaml': values(delivery.image.repository, previousTag),
      },
    },
    {
      author: context.guest,
      date: at(3 * DAY),
      message: 'Document local development',
      files: {
        'README.md': `# ${service.name}\n\nOwned by ${team.name}.\n\n## Local development\n\nRun \`make dev\`.\n`,
      },
    },
    {
      author: context.guest,
      date: at(5 * HOUR),
      message: `Release ${newestTag}`,
      files: {
        'deploy/values.yaml': values(delivery.image.repository, newestTag),
      },
    },
  ];
  return { project, fullPath, delivery, commits };
}

/** Creates a seeded project's repository with its commits; answers their ids. */
async function writeRepository(
  repositories: GitRepositories,
  { fullPath, delivery, commits }: SeededProject,
): Promise<string[]> {
  return repositories.init(
    fullPath,
    delivery.defaultBranch,
    commits.map(commit => ({
      files: commit.files,
      message: `${commit.message}\n`,
      author: {
        name: commit.author.name,
        email: commit.author.email,
        date: commit.date,
      },
    })),
  );
}

/** Adds a pipeline per commit of a seeded project (see {@link seedGitLab}). */
function addPipelines(
  state: GitLabState,
  { project, delivery, commits }: SeededProject,
  shas: string[],
) {
  const branch = delivery.defaultBranch;
  let beforeSha = '0'.repeat(40);
  for (const [index, commit] of commits.entries()) {
    const sha = shas[index];
    const newest = index === commits.length - 1;
    const status: GitLabPipelineStatus = newest
      ? delivery.lastPipeline
      : 'success';
    const createdAt = new Date(commit.date.getTime() + 30 * 1000);
    const startedAt = new Date(createdAt.getTime() + 12 * 1000);
    const duration = 240 + index * 37;
    const finished = status !== 'running';
    const finishedAt = finished
      ? new Date(startedAt.getTime() + duration * 1000)
      : null;
    const pipeline = state.addPipeline({
      projectId: project.id,
      sha,
      beforeSha,
      ref: branch,
      status,
      source: 'push',
      userId: commit.author.id,
      createdAt,
      updatedAt: finishedAt ?? startedAt,
      startedAt,
      finishedAt,
      committedAt: commit.date,
      duration: finished ? duration : null,
      queuedDuration: 12,
    });
    seedPipelineJobs(state, pipeline, SEEDED_JOBS, duration);
    beforeSha = sha;
  }
  project.lastActivityAt = commits[commits.length - 1].date;
}

function values(repository: string, tag: string): string {
  return `image:\n  repository: ${repository}\n  tag: "${tag}"\n`;
}

function catalogInfo(
  team: SeedTeam,
  service: string,
  delivery: SeedDelivery,
): string {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${service}
  annotations:
    gitlab.com/project-slug: ${delivery.gitlabProject}
    argocd/app-name: ${delivery.argocd.application}
    goharbor.io/repository-slug: ${delivery.image.repository}
    backstage.io/kubernetes-id: ${service}
    backstage.io/kubernetes-namespace: ${team.namespace}
spec:
  type: service
  lifecycle: production
  owner: group:default/${team.name}
`;
}
