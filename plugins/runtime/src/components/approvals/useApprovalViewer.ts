import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { ApprovalViewer } from './approvalRules';

/** The signed-in user's entity ref and ownership refs, to know which requests they may decide. */
export function useApprovalViewer() {
  const identityApi = useApi(identityApiRef);
  return useAsync(async (): Promise<ApprovalViewer> => {
    const { userEntityRef, ownershipEntityRefs } =
      await identityApi.getBackstageIdentity();
    return { userEntityRef, ownershipEntityRefs };
  }, [identityApi]);
}
