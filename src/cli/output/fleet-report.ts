import type { FleetAction, FleetReport, FleetTargetReport, ProgressEvent } from '../../api';
import { loadApi } from '../load-api';
import type { Output } from './output';
import { formatTable } from './table';

/** One line a target: what happened to it. */
function describe(r: FleetTargetReport, action: FleetAction): string {
  if (r.status === 'skipped') return 'skipped (not started after a failure)';
  if (r.status === 'failed') return `failed: ${r.error?.message ?? 'unknown error'}`;
  const head = r.current ?? 'base';
  if (action === 'upgrade') return r.applied && r.applied.length > 0 ? `applied ${r.applied.join(', ')}; at ${head}` : `at ${head}, nothing pending`;
  if (action === 'status') return `at ${head}${r.pending ? `, ${r.pending} pending` : ''}`;
  if (r.clean) return 'clean';
  return [r.pending ? `${r.pending} pending` : '', r.drift && r.drift.length > 0 ? `drift: ${r.drift.join('; ')}` : ''].filter(Boolean).join(', ');
}

function printTarget(out: Output, r: FleetTargetReport, action: FleetAction): void {
  const mark = r.status === 'ok' ? (action === 'check' && !r.clean ? out.c.yellow('!') : out.c.green('✔')) : r.status === 'failed' ? out.c.red('✖') : out.c.dim('-');
  out.line(`${mark} ${r.target} ${out.c.dim('—')} ${describe(r, action)}`);
}

/**
 * On a terminal, one line that changes in place: how many targets are done and what each
 * running one is doing (the migration it applies); each finished target prints above it.
 */
export function liveStatus(out: Output) {
  const running = new Map<string, string>();
  let done = 0;
  const show = () => {
    // Three at most, so the line fits a terminal and redraws in place.
    const shown = [...running].slice(0, 3).map(([t, doing]) => (doing ? `${t} (${doing})` : t));
    const more = running.size > 3 ? ` and ${running.size - 3} more` : '';
    out.status(`${done} done${shown.length > 0 ? ` · running: ${shown.join(', ')}${more}` : ''}`);
  };
  return {
    start(target: string) {
      running.set(target, '');
      show();
    },
    progress(target: string, event: ProgressEvent) {
      if (event.kind !== 'step' || event.phase !== 'start') return;
      running.set(target, event.label);
      show();
    },
    finish(r: FleetTargetReport, action: FleetAction) {
      running.delete(r.target);
      if (r.status !== 'skipped') done += 1;
      printTarget(out, r, action);
      if (running.size > 0) show();
    },
  };
}

/** The end of a run: a table of where the targets are (head, or why not), then one line of counts. */
export function printSummary(out: Output, report: FleetReport): void {
  const { plural } = loadApi();
  const shard = report.shard ? ` (shard ${report.shard.index}/${report.shard.count})` : '';
  const groups = new Map<string, number>();
  for (const t of report.targets) {
    const key =
      t.status === 'skipped' ? 'not started' : t.status === 'failed' ? `failed: ${t.error?.code ?? 'error'}` : report.action === 'check' ? (t.clean ? 'clean' : 'drift') : `at ${t.current ?? 'base'}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  out.line();
  for (const row of formatTable([...groups].map(([k, n]) => [`  ${k}`, plural(n, 'target')]))) out.line(row);
  out.line(`${report.action}${shard}: ${plural(report.targets.length, 'target')}, ${report.ok} ok, ${report.failed} failed, ${report.skipped} skipped`);
}
