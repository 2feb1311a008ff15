import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { decisionErrorMessage } from './decisionErrorMessage';

/** What came of the user's decision: why it was refused or failed, or that it was recorded. */
export function DecisionAlert(props: { error?: Error; decided?: string }) {
  const { error, decided } = props;
  if (error) {
    const { title, detail } = decisionErrorMessage(error);
    return (
      <Alert severity="error">
        <AlertTitle>{title}</AlertTitle>
        {detail}
      </Alert>
    );
  }
  if (decided) {
    return (
      <Alert severity="success" role="status">
        You {decided} this request.
      </Alert>
    );
  }
  return null;
}
