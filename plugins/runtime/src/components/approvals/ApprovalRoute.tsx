import { useParams } from 'react-router-dom';
import { ApprovalContent } from './ApprovalContent';

/** {@link ApprovalContent} of the request named by the route's `:id`. */
export function ApprovalRoute() {
  const { id = '' } = useParams();
  return <ApprovalContent id={id} />;
}
