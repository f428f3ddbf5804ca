//! Limits, deadlines and cancellation: runaway scripts stop with bash-style errors, keep the
//! output they produced, and never overflow the stack.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use vbash_engine::limits::Limits;
use vbash_engine::{ExecOptions, ExecResult, Shell};
use vbash_vfs::MemFs;

fn run(shell: &Shell, script: &str, options: ExecOptions) -> ExecResult {
    futures::executor::block_on(shell.exec_with(script.as_bytes(), options))
}

fn shell(limits: Limits) -> Shell {
    Shell::builder(Arc::new(MemFs::new()))
        .limits(limits)
        .build()
}

#[test]
fn a_timeout_stops_a_busy_loop_and_keeps_the_output() {
    let sh = shell(Limits::default());
    let options = ExecOptions {
        timeout_ms: Some(300),
        ..Default::default()
    };
    let r = run(
        &sh,
        "echo before; while true; do :; done; echo never",
        options,
    );
    assert_eq!(r.exit_code, 124);
    assert_eq!(r.stdout, b"before\n");
    assert!(
        String::from_utf8_lossy(&r.stderr).contains("timed out"),
        "{r:?}"
    );
}

#[test]
fn cancelling_stops_the_script() {
    let sh = shell(Limits::default());
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = cancel.clone();
    let stopper = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(200));
        flag.store(true, std::sync::atomic::Ordering::Relaxed);
    });
    let options = ExecOptions {
        cancel: Some(cancel),
        ..Default::default()
    };
    let r = run(&sh, "echo start; while :; do x=1; done", options);
    stopper.join().unwrap();
    assert_eq!((r.exit_code, r.stdout.as_slice()), (130, &b"start\n"[..]));
}

#[test]
fn loop_and_command_limits_are_errors() {
    let sh = shell(Limits {
        max_loop_iterations: 1000,
        ..Limits::default()
    });
    let r = run(
        &sh,
        "i=0; while :; do i=$((i+1)); done",
        ExecOptions::default(),
    );
    assert_eq!(r.exit_code, 126);
    assert!(String::from_utf8_lossy(&r.stderr).contains("maximum loop iterations exceeded"));

    let sh = shell(Limits {
        max_commands: 500,
        ..Limits::default()
    });
    let r = run(
        &sh,
        "for i in {1..1000}; do echo $i; done",
        ExecOptions::default(),
    );
    assert_eq!(r.exit_code, 126);
    assert!(String::from_utf8_lossy(&r.stderr).contains("maximum command count exceeded"));
}

#[test]
fn a_million_turn_loop_runs_under_the_default_limits() {
    let sh = shell(Limits::default());
    let r = run(
        &sh,
        "i=0; while (( i < 1000000 )); do ((i++)); done; echo $i",
        ExecOptions::default(),
    );
    assert_eq!((r.exit_code, r.stdout.as_slice()), (0, &b"1000000\n"[..]));
}

#[test]
fn deep_recursion_is_an_error_not_a_stack_overflow() {
    // A thread with an ordinary 2 MiB stack, as test harnesses and servers use.
    let t = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let sh = shell(Limits::default());
            run(&sh, "f() { f; }; f; echo after $?", ExecOptions::default())
        })
        .unwrap();
    let r = t.join().unwrap();
    assert!(
        String::from_utf8_lossy(&r.stderr).contains("maximum function nesting level exceeded"),
        "{r:?}"
    );
}

#[test]
fn output_is_bounded() {
    let sh = shell(Limits {
        max_output_bytes: 1000,
        ..Limits::default()
    });
    let r = run(
        &sh,
        "while :; do echo xxxxxxxxxx; done",
        ExecOptions::default(),
    );
    assert_ne!(r.exit_code, 0);
    assert!(r.stdout.len() <= 1000);
}
