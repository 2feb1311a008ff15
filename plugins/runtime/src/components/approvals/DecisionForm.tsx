import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import TextField from '@material-ui/core/TextField';
import {
  RuntimeApproval,
  RuntimeApprovalDecision,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { runtimeApiRef } from '../../api';

/** Props of {@link DecisionForm}. */
export interface DecisionFormProps {
  approval: RuntimeApproval;
  /** Called with the decided request. */
  onDecided: (approval: RuntimeApproval) => void;
  /** Called when the backend refuses or fails the decision. */
  onError: (error: Error) => void;
}

/** An optional comment with Approve and Reject buttons; sends the decision to the runtime backend. */
export function DecisionForm(props: DecisionFormProps) {
  const { approval, onDecided, onError } = props;
  const api = useApi(runtimeApiRef);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<RuntimeApprovalDecision>();

  const decide = async (decision: RuntimeApprovalDecision) => {
    setBusy(decision);
    try {
      onDecided(
        await api.decideApproval(
          approval.id,
          decision,
          comment.trim() || undefined,
        ),
      );
    } catch (error) {
      onError(error as Error);
    } finally {
      setBusy(undefined);
    }
  };

  const spinner = (decision: RuntimeApprovalDecision) =>
    busy === decision ? (
      <CircularProgress size={14} color="inherit" />
    ) : undefined;

  return (
    <Box component="form" onSubmit={e => e.preventDefault()} mt={2}>
      <TextField
        id={`runtime-approval-comment-${approval.id}`}
        label="Comment (optional)"
        helperText="Shown to the requester with your decision"
        value={comment}
        onChange={e => setComment(e.target.value)}
        inputProps={{ maxLength: 2000 }}
        multiline
        minRows={2}
        fullWidth
        variant="outlined"
      />
      <Box display="flex" mt={2} style={{ gap: 8 }}>
        <Button
          variant="contained"
          color="primary"
          disabled={!!busy}
          onClick={() => decide('approve')}
          startIcon={spinner('approve')}
        >
          Approve
        </Button>
        <Button
          variant="outlined"
          disabled={!!busy}
          onClick={() => decide('reject')}
          startIcon={spinner('reject')}
        >
          Reject
        </Button>
      </Box>
    </Box>
  );
}
