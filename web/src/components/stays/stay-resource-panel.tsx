import type { ReactNode } from 'react';
import { useResource } from '../../use-resource.ts';
import { LoadingState } from '../loading-state.tsx';
import { ProblemMessage } from '../problem-message.tsx';
import { useStaysChanged } from './stays-events.ts';

/**
 * A card showing one thing of a stay (its letter, reconciliation or risk) loaded from the server and
 * reloaded whenever a stay or transition changes here or in the live stream, so a letter received or
 * a confirmation made elsewhere shows without a reload. `name` gives the test id `<name>-panel`.
 */
export function StayResourcePanel<T>({
  name,
  title,
  resourceKey,
  load,
  children,
}: {
  name: string;
  title: string;
  resourceKey: string;
  load: (signal: AbortSignal) => Promise<T>;
  children: (data: T, reload: () => void) => ReactNode;
}) {
  const resource = useResource(resourceKey, load);
  useStaysChanged(resource.reload);
  const titleId = `${name}-panel-title`;
  return (
    <section className="card section-card" data-testid={`${name}-panel`} aria-labelledby={titleId}>
      <h2 id={titleId} className="card-title">
        {title}
      </h2>
      {resource.status === 'loading' && <LoadingState />}
      {resource.status === 'error' && <ProblemMessage error={resource.error} onRetry={resource.reload} />}
      {resource.status === 'ready' && children(resource.data, resource.reload)}
    </section>
  );
}
