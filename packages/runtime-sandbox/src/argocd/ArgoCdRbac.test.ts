import { ArgoCdApiError } from './argoCdError';
import { ArgoCdRbac } from './ArgoCdRbac';

const session = {
  username: 'portal',
  issuedAt: new Date('2026-12-01T10:00:00.000Z'),
};

const rbac = (
  policyCsv: string,
  more: Partial<{ defaultRole: string; matchMode: 'glob' | 'regex' }> = {},
) =>
  ArgoCdRbac.create({ policyCsv, defaultRole: '', matchMode: 'glob', ...more });

describe("the sandbox Argo CD's RBAC", () => {
  it('denies what no line allows, and a matching deny wins over any allow', async () => {
    const enforcer = await rbac(
      [
        '# the portal',
        'p, portal, applications, *, */*, allow',
        'p, portal, applications, delete, */*, deny',
        '  p, portal, applications, *, default/*, deny',
        '',
      ].join('\n'),
    );
    expect(enforcer.allows('portal', 'applications', 'sync', 'team/app')).toBe(
      true,
    );
    expect(
      enforcer.allows('portal', 'applications', 'delete', 'team/app'),
    ).toBe(false);
    expect(
      enforcer.allows('portal', 'applications', 'get', 'default/app'),
    ).toBe(false);
    expect(enforcer.allows('portal', 'projects', 'get', 'team')).toBe(false);
    expect(enforcer.allows('someone', 'applications', 'get', 'team/app')).toBe(
      false,
    );
  });

  it('grants roles through g lines, and has the built-in admin and readonly roles', async () => {
    const enforcer = await rbac(
      'p, role:syncer, applications, sync, team/*, allow\ng, portal, role:syncer\ng, reader, role:readonly',
    );
    expect(enforcer.allows('portal', 'applications', 'sync', 'team/app')).toBe(
      true,
    );
    expect(enforcer.allows('portal', 'applications', 'sync', 'other/app')).toBe(
      false,
    );
    expect(enforcer.allows('admin', 'clusters', 'delete', 'https://x')).toBe(
      true,
    );
    expect(
      enforcer.allows(
        'admin',
        'applications',
        'action/apps/Deployment/restart',
        'a/b',
      ),
    ).toBe(true);
    expect(
      enforcer.allows('reader', 'repositories', 'get', 'https://git/x'),
    ).toBe(true);
    expect(
      enforcer.allows('reader', 'repositories', 'create', 'https://git/x'),
    ).toBe(false);
  });

  it('gives every subject the default role, which a deny of the subject does not take back', async () => {
    const enforcer = await rbac('p, portal, applications, get, */*, deny', {
      defaultRole: 'role:readonly',
    });
    expect(enforcer.allows('portal', 'applications', 'get', 'team/app')).toBe(
      true,
    );
    expect(enforcer.allows('portal', 'applications', 'sync', 'team/app')).toBe(
      false,
    );
  });

  it('matches with unanchored regular expressions in regex mode', async () => {
    const enforcer = await rbac(
      'p, portal, applications, get, ^team-[a-z]+/.*$, allow\np, portal, projects, get, team, allow',
      {
        matchMode: 'regex',
      },
    );
    expect(enforcer.allows('portal', 'applications', 'get', 'team-a/app')).toBe(
      true,
    );
    expect(enforcer.allows('portal', 'applications', 'get', 'team-1/app')).toBe(
      false,
    );
    expect(enforcer.allows('portal', 'projects', 'get', 'my-team-x')).toBe(
      true,
    );
  });

  it('reads quoted fields, and refuses a line that is not a policy', async () => {
    const enforcer = await rbac(
      'p, portal, applications, get, "team/a,b", allow',
    );
    expect(enforcer.allows('portal', 'applications', 'get', 'team/a,b')).toBe(
      true,
    );
    await expect(rbac('p, portal, applications, get, */*')).rejects.toThrow(
      'invalid RBAC policy: p, portal, applications, get, */*',
    );
    await expect(rbac('x, portal, role:admin')).rejects.toThrow(
      'invalid RBAC policy',
    );
  });

  it("refuses as Argo CD's EnforceErr: code 7 naming the request, the subject and the token's issue time", async () => {
    const enforcer = await rbac('p, portal, applications, get, */*, allow');
    expect(() =>
      enforcer.require(session, 'applications', 'get', 'team/app'),
    ).not.toThrow();
    let refusal: unknown;
    try {
      enforcer.require(
        session,
        'applications',
        'delete',
        'team/app',
        m => `wrapped: ${m}`,
      );
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ArgoCdApiError);
    expect(refusal).toMatchObject({
      code: 7,
      httpStatus: 403,
      message:
        'wrapped: permission denied: applications, delete, team/app, sub: portal, iat: 2026-12-01T10:00:00Z',
    });
  });
});
