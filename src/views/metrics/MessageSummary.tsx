// Message counts for the run: sent, delivered, dropped, and sent per message kind
// (heartbeats counted under their own kind).

import type { MessageStats } from '../../core/index.ts';

export function MessageSummary({ stats }: { stats: MessageStats }) {
  const kinds = Object.entries(stats.byKind).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className="panel messages-panel" aria-labelledby="messages-heading" data-testid="message-summary">
      <h2 id="messages-heading">Messages</h2>
      <dl className="message-totals">
        <div>
          <dt>Sent</dt>
          <dd data-testid="messages-sent">{stats.sent}</dd>
        </div>
        <div>
          <dt>Delivered</dt>
          <dd data-testid="messages-delivered">{stats.delivered}</dd>
        </div>
        <div>
          <dt>Dropped</dt>
          <dd data-testid="messages-dropped">{stats.dropped}</dd>
        </div>
      </dl>
      {kinds.length > 0 && (
        <table className="message-kinds">
          <caption className="visually-hidden">Messages sent, by kind</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Sent</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map(([kind, count]) => (
              <tr key={kind} data-testid={`messages-kind-${kind}`}>
                <th scope="row">{kind}</th>
                <td>{count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
