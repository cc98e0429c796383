import { Command, CommanderError } from 'commander';
import { checkOutputFile, exitStatusFor, fromSystemError, isEvalkitError, removePendingTemporaryFiles, reportPendingPathsToSupervisor } from '@evalkit/core';
import { COMMANDS } from './commands';
import { TOOL_VERSION } from './shared/context';

/** [full name, first clause of the description] of every runnable command, depth first. */
function leafCommands(command: Command, prefix = ''): [string, string][] {
  return command.commands.flatMap((c) => {
    const name = `${prefix}${c.name()}`;
    const children = c.commands.filter((x) => x.name() !== 'help');
    const full = c.description();
    const clause = full.split(/[:;(]/)[0].trim();
    const line: [string, string] = [name, clause.length >= 30 || full.length <= 90 ? clause : `${full.slice(0, 87).trim()}...`];
    if (children.length === 0) return [line];
    // A group that also runs by itself (report RUN_DIR...) is listed before its subcommands.
    return [...(c.registeredArguments.length > 0 ? [line] : []), ...leafCommands(c, `${name} `)];
  });
}

/** Builds the `evalkit` program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('evalkit')
    .description(
      'Benchmark and evaluate video VAE decoders (Turbo-VAED) and HTP drawing analyses (PsyDraw):\n' +
        'decoder zoo, ONNX decoding, kernel benchmarks, reconstruction metrics, agreement statistics, reports.',
    )
    .version(TOOL_VERSION, '-V, --version', 'print the evalkit version')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false })
    .exitOverride();
  for (const register of COMMANDS) register(program);
  // Every option that names an output file (--out <file>, --csv <file>, --profile <file>) is checked
  // before the command runs: a folder or a path through a file is a usage error now, not a stack
  // trace after the whole run (bench kernels used to find out at the very end).
  program.hook('preAction', (_root, action) => {
    const values = action.opts() as Record<string, unknown>;
    for (const option of action.options) {
      if (!/^--(out|csv|profile) <file/.test(option.flags)) continue;
      const value = values[option.attributeName()];
      if (typeof value === 'string') checkOutputFile(value, option.long ?? option.flags);
    }
  });
  program.addHelpText(
    'after',
    `
Every command (groups such as zoo and bench have subcommands):
${leafCommands(program)
  .map(([name, description]) => `  ${name.padEnd(26)} ${description}`)
  .join('\n')}

Start here:
  npm start                    run the main job on embedded defaults and write a report
  evalkit doctor               check what this machine can run
  evalkit <command> --help     options and examples of one command`,
  );
  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 on success, 1 for a failed input or run (the message
 * names file, field and value), 2 for a usage error (EVK_INVALID_ARGUMENT or a bad flag).
 */
export async function main(argv: string[]): Promise<number> {
  if (process.env.EVALKIT_SUPERVISED === '1') {
    // Only this process reports to the supervisor; commands it starts (repro's steps) have their own.
    delete process.env.EVALKIT_SUPERVISED;
    reportPendingPathsToSupervisor();
    // The channel must not keep the command alive once its work is done.
    process.channel?.unref();
    // The supervisor is gone (killed): stop rather than run on unwatched.
    process.once('disconnect', () => {
      removePendingTemporaryFiles();
      process.exit(130);
    });
  }
  // A signal skips 'exit' handlers, so remove the temporary files of interrupted atomic writes here.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      // A command that handles the signal itself (report serve, repro) decides how to stop.
      if (process.listenerCount(signal) > 1) return;
      removePendingTemporaryFiles();
      process.stderr.write(`evalkit: interrupted by ${signal}; nothing half-written\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  // Output piped into a command that stops reading (| head): end quietly, as Unix tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  const program = buildProgram();
  program.commands.forEach((c) => c.exitOverride());
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit through here with code 0
      return error.exitCode === 0 ? 0 : 2;
    }
    const known = isEvalkitError(error) ? error : fromSystemError(error);
    if (known) {
      process.stderr.write(`evalkit: error [${known.code}] ${known.message}\n`);
      return exitStatusFor(known);
    }
    process.stderr.write(`evalkit: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}
