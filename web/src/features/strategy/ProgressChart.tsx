// A goal's progress over time (recharts line from progress_history), with a one-sentence
// summary and the figures as a table for those who cannot see the chart.
import { useId } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';

import { percent } from './strategyLabels';

export function progressSummary(history: { date: string; progress: number }[]): string {
  if (history.length === 0) return 'No check-ins yet.';
  const first = history[0];
  const last = history[history.length - 1];
  if (history.length === 1) return `Progress ${percent(last.progress)} on ${last.date}.`;
  return `Progress went from ${percent(first.progress)} on ${first.date} to ${percent(last.progress)} on ${last.date}.`;
}

export function ProgressChart({ history }: { history: { date: string; progress: number }[] }) {
  const id = useId();
  const rows = history.map((h) => ({ date: h.date, percent: Math.round(h.progress * 1000) / 10 }));
  return (
    <figure className="sprint-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        Progress over time
      </figcaption>
      {rows.length > 0 && (
        <div className="chart-canvas" role="img" aria-label="Progress over time chart" aria-describedby={`${id}-summary`}>
          <LineChart width={640} height={240} data={rows} accessibilityLayer={false} margin={{ top: 20, right: 20, bottom: 5, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" />
            <YAxis domain={[0, 100]} unit="%" />
            <Tooltip />
            <Line name="Progress" dataKey="percent" stroke="#1f4e79" strokeWidth={2} isAnimationActive={false} />
          </LineChart>
        </div>
      )}
      <p id={`${id}-summary`} className="chart-summary">
        {progressSummary(history)}
      </p>
      {rows.length > 0 && (
        <details className="chart-data">
          <summary>Progress as a table</summary>
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Progress</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.date}>
                  <td>{h.date}</td>
                  <td>{percent(h.progress)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
