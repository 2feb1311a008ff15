import { jobsOfCiDefinition } from './ciDefinition';

describe('jobsOfCiDefinition', () => {
  it('orders jobs by declared stage, then as defined', () => {
    const jobs = jobsOfCiDefinition(`stages: [lint, test, deploy]
deploy:
  stage: deploy
  script: [make deploy]
unit:
  stage: test
  script: [make unit]
e2e:
  stage: test
  allow_failure: true
  script: [make e2e]
style:
  stage: lint
  script: [make lint]
`);
    expect(jobs).toEqual([
      { name: 'style', stage: 'lint', stageIndex: 1, allowFailure: false },
      { name: 'unit', stage: 'test', stageIndex: 2, allowFailure: false },
      { name: 'e2e', stage: 'test', stageIndex: 2, allowFailure: true },
      { name: 'deploy', stage: 'deploy', stageIndex: 3, allowFailure: false },
    ]);
  });

  it("uses GitLab's default stages and the test stage when none is named", () => {
    const jobs = jobsOfCiDefinition(`variables: { A: b }
default:
  image: alpine
.template:
  script: [echo hidden]
image: alpine
package:
  stage: build
  script: [make image]
check:
  script: [make check]
cleanup:
  stage: .post
  script: [make clean]
`);
    expect(jobs.map(j => [j.name, j.stage, j.stageIndex])).toEqual([
      ['package', 'build', 1],
      ['check', 'test', 2],
      ['cleanup', '.post', 4],
    ]);
  });

  it('has no jobs for invalid YAML or a job in an undeclared stage', () => {
    expect(jobsOfCiDefinition('stages: [test\n')).toEqual([]);
    expect(jobsOfCiDefinition('- a list\n')).toEqual([]);
    expect(
      jobsOfCiDefinition(
        'stages: [test]\nship:\n  stage: ship\n  script: [x]\n',
      ),
    ).toEqual([]);
  });
});
