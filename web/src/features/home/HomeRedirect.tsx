import { Navigate } from 'react-router-dom';

import { useMe } from '../session/SessionContext';
import { homePath } from './homePath';

export function HomeRedirect() {
  const me = useMe();
  return <Navigate to={homePath(me)} replace />;
}
