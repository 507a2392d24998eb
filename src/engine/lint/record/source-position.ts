import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

/** Maps a line of the JavaScript node runs back to the line in the file as written. */
type LineMapper = (line: number, column: number) => number;

const mappers = new Map<string, LineMapper>();

function identity(line: number): number {
  return line;
}

/**
 * Our loader compiles TypeScript with an inline source map, deterministically; compiling
 * the file again yields the same map, so we need not depend on --enable-source-maps
 * having been on when the file was loaded.
 */
function mapperFor(file: string): LineMapper {
  const known = mappers.get(file);
  if (known) return known;
  let mapper: LineMapper = identity;
  if (/\.[cm]?ts$/.test(file)) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { compile } = require('../../../loader/register') as { compile: (source: string, filename: string) => string };
      const js = compile(readFileSync(file, 'utf8'), file);
      const inline = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(js);
      if (inline) {
        const map = new SourceMap(JSON.parse(Buffer.from(inline[1], 'base64').toString('utf8')));
        mapper = (line, column) => {
          const entry = map.findEntry(line - 1, column - 1) as { originalLine?: number };
          return entry.originalLine === undefined ? line : entry.originalLine + 1;
        };
      }
    } catch {
      // An unreadable or uncompilable file keeps its JavaScript line numbers.
    }
  }
  mappers.set(file, mapper);
  return mapper;
}

/**
 * The 1-based source line in `file` that the current call stack passes through (the
 * innermost frame), or undefined when the stack does not pass through that file.
 */
export function callerLineIn(file: string): number | undefined {
  const previousPrepare = Error.prepareStackTrace;
  const previousLimit = Error.stackTraceLimit;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  let sites: NodeJS.CallSite[] = [];
  try {
    // Raw V8 call sites: positions in the JavaScript that runs, whatever source-map mode node is in.
    Error.prepareStackTrace = (_err, callSites) => callSites;
    Error.stackTraceLimit = 60;
    Error.captureStackTrace(holder, callerLineIn);
    // V8 builds `stack` lazily, on first read: read it while our prepareStackTrace is in place.
    sites = Array.isArray(holder.stack) ? holder.stack : [];
  } finally {
    Error.prepareStackTrace = previousPrepare;
    Error.stackTraceLimit = previousLimit;
  }
  for (const site of sites) {
    if (site.getFileName() !== file) continue;
    const line = site.getLineNumber();
    if (line === null) continue;
    return mapperFor(file)(line, site.getColumnNumber() ?? 1);
  }
  return undefined;
}
