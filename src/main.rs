//! relaties: parse the command line, run it, print an error once, map it to an exit code.

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use relaties::{cli, commands, i18n};

fn main() -> ExitCode {
    // A panic is a bug, but even then the user gets one line, not a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let said = i18n::t(
            i18n::commands::CmdMsg::InternalError,
            &[("msg", &msg), ("at", &at)],
        );
        eprintln!("error: {said}");
    }));
    // `RELATIES_COMPLETE=bash relaties -- WORDS…` is the shell asking for completions (the script
    // `relaties completions SHELL` prints does that): answer and exit. Otherwise this only
    // looks at one environment variable.
    clap_complete::CompleteEnv::with_factory(cli::Cli::command)
        .var(commands::complete::VAR)
        .complete();
    // The language first: clap's help and errors are written in it too.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    i18n::set(i18n::choose(i18n::flag_in(&args).as_deref(), |k| {
        std::env::var(k).ok()
    }));
    let dutch = i18n::lang() == i18n::Lang::Nl;
    let mut parsed = parse(cli::Cli::command(), args.clone());
    // Help or a usage error in Dutch: the same arguments again through the tree with
    // Dutch texts, built only now (a command that parses costs nothing more in Dutch).
    let version = |e: &clap::Error| e.kind() == clap::error::ErrorKind::DisplayVersion;
    if dutch && parsed.as_ref().is_err_and(|e| !version(e)) {
        parsed = parse(i18n::help::dutch(cli::Cli::command()), args);
    }
    let cli = match parsed {
        Ok(cli) => cli,
        // Help and version go to stdout (exit 0).
        Err(e) if !e.use_stderr() => {
            print_help(&e, dutch);
            return ExitCode::SUCCESS;
        }
        // `relaties` or `relaties client` alone: the help is the useful answer (exit 2).
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            print_help(&e, dutch);
            return ExitCode::from(2);
        }
        Err(e) if dutch => {
            eprintln!("error: {}; zie --help", i18n::help::dutch_error(&e));
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("{}", one_line(&e.render().to_string()));
            return ExitCode::from(2);
        }
    };
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", i18n::store::error_text(&e));
            let is = |f: fn(&(dyn std::error::Error + 'static)) -> bool| e.chain().any(f);
            ExitCode::from(if is(|c| c.is::<commands::UsageError>()) {
                2
            } else if is(|c| c.is::<commands::NeedsAttention>()) {
                3
            } else {
                1
            })
        }
    }
}

/// The arguments as `command` reads them; clap's errors formatted against it.
fn parse(
    mut command: clap::Command,
    args: Vec<std::ffi::OsString>,
) -> Result<cli::Cli, clap::Error> {
    let parsed = command
        .try_get_matches_from_mut(args)
        .and_then(|mut m| cli::Cli::from_arg_matches_mut(&mut m))
        .map_err(|e| e.format(&mut command));
    // The command tree is large and the process ends soon: freeing it would only cost time
    // (a third of `--version`).
    std::mem::forget(command);
    parsed
}

/// Help (or the version) as clap prints it; in Dutch with clap's own words (headings, "Usage:",
/// `-h`'s help) translated, styled as clap would (colour only where the stream takes it).
fn print_help(e: &clap::Error, dutch: bool) {
    use std::io::Write;
    if !dutch || e.kind() == clap::error::ErrorKind::DisplayVersion {
        let _ = e.print();
        return;
    }
    let text = i18n::help::dutch_labels(&e.render().ansi().to_string());
    let _ = if e.use_stderr() {
        anstream::stderr().write_all(text.as_bytes())
    } else {
        anstream::stdout().write_all(text.as_bytes())
    };
}

/// clap's usage errors span several lines (the error, tips, usage); scripts and people
/// reading logs get the error and its tips on one line.
fn one_line(rendered: &str) -> String {
    let parts: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty())
        .collect();
    format!("{}; see --help", parts.join(" "))
}

/// `relaties timeline | head` closes the pipe early: that is the reader's choice, not a failure.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            // JSON is written through serde_json, which wraps the write's error in its own.
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}
