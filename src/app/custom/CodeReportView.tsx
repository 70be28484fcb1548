import type { CodeReport } from '../../runtime';

function entry(index: readonly number[]): string {
  return `[${index.join(', ')}]`;
}

/**
 * The check of the code, beside the editor: the homework's lines (`input diff=…`,
 * `param#01 diff=…`) marked pass or fail, the entries furthest off, the Jacobian's
 * structure and how the JVP is had.
 */
export function CodeReportView({ report, checking, held }: { report: CodeReport | null; checking: boolean; held: boolean }) {
  let status: { text: string; tone: string };
  if (held) status = { text: 'Not run: choose Run code to check it', tone: 'held' };
  else if (!report) status = { text: 'Checking…', tone: 'busy' };
  else if (!report.ok) status = { text: report.error.line === null ? 'Error' : `Error at line ${report.error.line}${report.error.column === null ? '' : `, column ${report.error.column}`}`, tone: 'error' };
  else status = report.passed ? { text: 'Gradients match finite differences', tone: 'pass' } : { text: 'Gradients do not match finite differences', tone: 'fail' };

  return (
    <section className="bp-code-report" aria-label="Check of the code" aria-busy={checking}>
      <p className={`bp-code-report__status bp-code-report__status--${status.tone}`} role="status">
        {status.text}
        {checking && report ? ' (checking…)' : ''}
      </p>
      {report && !report.ok && !held && <pre className="bp-code-report__error">{report.error.message}</pre>}
      {report?.ok && !held && (
        <>
          <p className="bp-code-report__note">
            {report.name}: backward against float64 central differences of forward, on a batch of {report.probe.batch} × {report.probe.inFeatures} → {report.probe.outFeatures}, random dout.
          </p>
          <ul className="bp-code-report__lines" aria-label="Gradient differences">
            {report.lines.map((l) => (
              <li key={l.label} className={l.ok ? 'is-ok' : 'is-wrong'}>
                <code>
                  {l.label.padEnd(8)} diff={l.maxRelError.toFixed(3)}
                </code>
                <span className="bp-code-report__verdict">{l.ok ? 'ok' : 'wrong'}</span>
                {l.worst.length > 0 && (
                  <ul className="bp-code-report__worst" aria-label={`Worst entries of ${l.name}`}>
                    {l.worst.map((w) => (
                      <li key={w.index.join()}>
                        {l.name === 'input' ? 'dL/dx' : `d${l.name}`}
                        {entry(w.index)}: backward {w.analytic.toPrecision(4)}, finite differences {w.numeric.toPrecision(4)}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
          <h4 className="bp-code-report__heading">Jacobian</h4>
          <p className="bp-code-report__note" data-pattern={report.jacobian.pattern}>
            {report.jacobian.text}
          </p>
          <h4 className="bp-code-report__heading">JVP</h4>
          <p className="bp-code-report__note">
            {report.jvp.provided
              ? `Your jvp agrees with finite differences to ${report.jvp.maxRelError!.toExponential(1)} (relative).`
              : 'No jvp() in the code: forward mode derives it numerically (central differences of forward).'}
          </p>
          <h4 className="bp-code-report__heading">Parameters</h4>
          <p className="bp-code-report__note">{report.params.length ? report.params.map((p) => `${p.name} [${p.shape.join(', ')}]`).join(', ') : 'None.'}</p>
        </>
      )}
    </section>
  );
}
