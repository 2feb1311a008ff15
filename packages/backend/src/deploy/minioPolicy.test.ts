import { readDeployFile } from './__testUtils__/deployManifests';
import {
  SourceMethod,
  calledMethods,
  classMethods,
  pluginSources,
  reachableBodies,
} from './__testUtils__/sourceCalls';

const S3_CLIENT =
  'plugins/runtime-node/src/objectStorage/ObjectStorageClient.ts';
const ADMIN_CLIENT =
  'plugins/runtime-node/src/objectStorage/admin/MinioAdminClient.ts';

/**
 * The action MinIO checks for each S3 request the client sends (an AWS SDK command), from MinIO's
 * handlers (minio/minio cmd/bucket-handlers.go, bucket-versioning-handler.go,
 * bucket-lifecycle-handlers.go, bucket-policy-handlers.go: `checkRequestAuthType(..., policy.XAction`)
 * and action names (minio/pkg policy/action.go).
 */
const S3_ACTIONS: Record<string, string> = {
  ListBucketsCommand: 's3:ListAllMyBuckets', // ListBucketsHandler
  CreateBucketCommand: 's3:CreateBucket', // PutBucketHandler
  DeleteBucketCommand: 's3:DeleteBucket', // DeleteBucketHandler
  ListObjectsV2Command: 's3:ListBucket', // ListObjectsV2Handler
  // HeadBucketHandler: s3:ListBucket (releases since 2025-08 try s3:HeadBucket first, then it).
  HeadBucketCommand: 's3:ListBucket',
  GetBucketVersioningCommand: 's3:GetBucketVersioning',
  PutBucketVersioningCommand: 's3:PutBucketVersioning',
  GetBucketLifecycleConfigurationCommand: 's3:GetLifecycleConfiguration',
  PutBucketLifecycleConfigurationCommand: 's3:PutLifecycleConfiguration',
  DeleteBucketLifecycleCommand: 's3:PutLifecycleConfiguration', // DeleteBucketLifecycleHandler
  GetBucketTaggingCommand: 's3:GetBucketTagging',
  PutBucketTaggingCommand: 's3:PutBucketTagging',
  DeleteBucketTaggingCommand: 's3:PutBucketTagging', // DeleteBucketTaggingHandler
  GetBucketPolicyCommand: 's3:GetBucketPolicy',
  PutBucketPolicyCommand: 's3:PutBucketPolicy',
};

/**
 * Actions MinIO checks for a header the client adds to a command: `x-minio-force-delete: true` on
 * DeleteBucket is `s3:ForceDeleteBucket` (minio/minio cmd/bucket-handlers.go DeleteBucketHandler).
 */
const HEADER_ACTIONS: Record<string, string> = {
  MINIO_FORCE_DELETE: 's3:ForceDeleteBucket',
};

/**
 * The admin action MinIO checks for each admin API the client calls (minio/minio
 * cmd/admin-router.go routes, cmd/admin-handlers-users.go `validateAdminReq(..., policy.X)` /
 * `IsAllowed(Action: policy.X)`; names in minio/pkg policy/admin-action.go).
 */
const ADMIN_ACTIONS: Record<string, string> = {
  'add-canned-policy': 'admin:CreatePolicy', // AddCannedPolicy
  'info-canned-policy': 'admin:GetPolicy', // InfoCannedPolicy
  'remove-canned-policy': 'admin:DeletePolicy', // RemoveCannedPolicy
  'add-user': 'admin:CreateUser', // AddUser
  'set-user-or-group-policy': 'admin:AttachUserOrGroupPolicy', // SetPolicyForUserOrGroup
  'user-info': 'admin:GetUser', // GetUserInfo
  'remove-user': 'admin:DeleteUser', // RemoveUser
  'list-users': 'admin:ListUsers', // ListUsers
};

function publicNames(methods: Map<string, SourceMethod>) {
  return [...methods.values()].filter(m => !m.isPrivate).map(m => m.name);
}

/** What each client method the plugins call sends: SDK commands and admin APIs, transitively. */
function usedRequests() {
  const s3 = classMethods(S3_CLIENT);
  const admin = classMethods(ADMIN_CLIENT);
  const sources = pluginSources(
    /ObjectStorageClient|objectStorage|MinioAdminClient/,
    ['plugins/runtime-node/src/objectStorage'],
  );
  const usedS3 = calledMethods(publicNames(s3), sources);
  const usedAdmin = calledMethods(publicNames(admin), sources);
  const commands = [...usedS3].flatMap(name =>
    reachableBodies(s3, name).flatMap(body =>
      [...body.matchAll(/new (\w+Command)\(/g)].map(m => m[1]),
    ),
  );
  const headerActions = [...usedS3].flatMap(name =>
    reachableBodies(s3, name).flatMap(body =>
      Object.entries(HEADER_ACTIONS)
        .filter(([header]) => body.includes(header))
        .map(([, action]) => action),
    ),
  );
  const apis = [...usedAdmin].flatMap(name =>
    reachableBodies(admin, name).flatMap(body =>
      [...body.matchAll(/api: '([\w-]+)'/g)].map(m => m[1]),
    ),
  );
  return {
    usedS3,
    usedAdmin,
    commands: new Set(commands),
    headerActions: new Set(headerActions),
    apis: new Set(apis),
  };
}

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string[];
  Resource?: string[];
}

describe('the MinIO policy in deploy/minio', () => {
  const policy: { Version: string; Statement: Statement[] } = JSON.parse(
    readDeployFile('minio/runtime-portal-policy.json'),
  );
  const { usedS3, usedAdmin, commands, headerActions, apis } = usedRequests();
  const s3Statements = policy.Statement.filter(s =>
    s.Action.every(a => a.startsWith('s3:')),
  );
  const adminStatements = policy.Statement.filter(s =>
    s.Action.every(a => a.startsWith('admin:')),
  );

  it('finds the calls in the plugins and what each sends', () => {
    expect(usedS3).toEqual(
      new Set([
        'createBucket',
        'headBucket',
        'deleteBucket',
        'hasObjects',
        'setVersioning',
        'getVersioning',
        'setExpiration',
        'getLifecycle',
        'setTags',
        'getTags',
        'getPolicy',
        'listBuckets',
        'listBucketsWithTags',
      ]),
    );
    expect(usedAdmin).toEqual(
      new Set([
        'putCannedPolicy',
        'getCannedPolicy',
        'removeCannedPolicy',
        'putUser',
        'getUser',
        'removeUser',
      ]),
    );
    for (const command of commands)
      expect([command, S3_ACTIONS[command]]).toEqual([
        command,
        expect.any(String),
      ]);
    for (const api of apis)
      expect([api, ADMIN_ACTIONS[api]]).toEqual([api, expect.any(String)]);
  });

  it('allows exactly the S3 actions the calls need, on buckets', () => {
    const needed = new Set([
      ...[...commands].map(c => S3_ACTIONS[c]),
      ...headerActions,
    ]);
    expect(s3Statements.flatMap(s => s.Action).sort()).toEqual(
      [...needed].sort(),
    );
    for (const statement of s3Statements) {
      expect(statement.Resource).toEqual(['arn:aws:s3:::*']);
    }
  });

  it('allows exactly the admin actions the calls need', () => {
    const needed = new Set([...apis].map(api => ADMIN_ACTIONS[api]));
    expect(adminStatements.flatMap(s => s.Action).sort()).toEqual(
      [...needed].sort(),
    );
  });

  it('is a valid MinIO policy: allow statements, one kind of action each, no wildcard action', () => {
    expect(policy.Version).toBe('2012-10-17');
    expect(s3Statements.length + adminStatements.length).toBe(
      policy.Statement.length,
    );
    for (const statement of policy.Statement) {
      expect(statement.Effect).toBe('Allow');
      for (const action of statement.Action) expect(action).not.toContain('*');
    }
  });
});
