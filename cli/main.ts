#!/usr/bin/env node
import { runCli } from './run-cli';

// A reader that went away (`sagactl tail -f | head`) is the end of the output, not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

// The exit code is set, not forced, so that output still queued for a pipe is written first.
runCli(process.argv).then((code) => {
  process.exitCode = code;
});
